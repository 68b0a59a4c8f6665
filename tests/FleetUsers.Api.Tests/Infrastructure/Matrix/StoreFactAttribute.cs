using System.Runtime.CompilerServices;
using Xunit.Sdk;
using Xunit.v3;

namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>A fact that runs once per engine (<see cref="StoreApps.Engines"/>), or only on the one named by <see cref="Only"/>.</summary>
[XunitTestCaseDiscoverer(typeof(StoreFactDiscoverer))]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class StoreFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
    : FactAttribute(sourceFilePath, sourceLineNumber), IStoreAttribute
{
    public string? Only { get; set; }
}

/// <summary>A theory whose every row runs once per engine, or only on the one named by <see cref="Only"/>.</summary>
[XunitTestCaseDiscoverer(typeof(StoreTheoryDiscoverer))]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class StoreTheoryAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
    : TheoryAttribute(sourceFilePath, sourceLineNumber), IStoreAttribute
{
    public string? Only { get; set; }
}

/// <summary>The one engine a store test is limited to (a test of what only that engine does); null: every engine.</summary>
public interface IStoreAttribute
{
    string? Only { get; }
}

public sealed class StoreFactDiscoverer : IXunitTestCaseDiscoverer
{
    public async ValueTask<IReadOnlyCollection<IXunitTestCase>> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions, IXunitTestMethod testMethod, IFactAttribute factAttribute) =>
        StoreTestCases.PerStore(await new FactDiscoverer().Discover(discoveryOptions, testMethod, factAttribute), factAttribute);
}

public sealed class StoreTheoryDiscoverer : IXunitTestCaseDiscoverer
{
    public async ValueTask<IReadOnlyCollection<IXunitTestCase>> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions, IXunitTestMethod testMethod, IFactAttribute factAttribute) =>
        StoreTestCases.PerStore(await new TheoryDiscoverer().Discover(discoveryOptions, testMethod, factAttribute), factAttribute);
}
