using System.Reflection;
using Xunit.Sdk;
using Xunit.v3;

namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>
/// Turns the test cases xunit discovered for a method into one per engine: the same case, named
/// with its engine (<c>Method [sqlite]</c>, trait <c>Store</c>), whose test class is given that
/// engine's app for its <see cref="FleetUsersApp"/> constructor parameter.
/// </summary>
public static class StoreTestCases
{
    public const string Trait = "Store";

    public static IReadOnlyCollection<IXunitTestCase> PerStore(IReadOnlyCollection<IXunitTestCase> discovered, IFactAttribute attribute)
    {
        var only = ((IStoreAttribute)attribute).Only;
        var stores = StoreApps.Engines.Select(e => e.Name).Where(name => only is null || name == only).ToList();
        return discovered.SelectMany(testCase => testCase switch
        {
            XunitDelayEnumeratedTheoryTestCase theory => stores.Select(store => (IXunitTestCase)new StoreTheoryTestCase(theory, store)),
            XunitTestCase single when single.GetType() == typeof(XunitTestCase) => stores.Select(store => (IXunitTestCase)new StoreTestCase(single, store)),
            _ => [testCase], // an error xunit reports about the method itself: once
        }).ToList();
    }

    public static string DisplayName(string name, string store) => $"{name} [{store}]";

    public static string UniqueId(string uniqueId, string store)
    {
        using var generator = new UniqueIDGenerator();
        generator.Add(uniqueId);
        generator.Add(store);
        return generator.Compute();
    }

    public static Dictionary<string, HashSet<string>> Traits(Dictionary<string, HashSet<string>> traits, string store)
    {
        var all = traits.ToDictionary(t => t.Key, t => new HashSet<string>(t.Value), StringComparer.OrdinalIgnoreCase);
        all[Trait] = [store];
        return all;
    }

    /// <summary>Runs the case with the engine's app in place of the constructor argument xunit could not give (an app parameter).</summary>
    public static async ValueTask<RunSummary> RunAsync(IXunitTestCase testCase, string store, ExplicitOption explicitOption, IMessageBus messageBus,
        object?[] constructorArguments, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
    {
        var apps = await TestContext.Current.GetFixture(typeof(StoreApps)) as StoreApps
            ?? throw new InvalidOperationException("StoreApps is not an assembly fixture.");
        var app = apps.Named(store);
        var parameters = testCase.TestMethod.TestClass.Class.GetConstructors().Single().GetParameters();
        var arguments = constructorArguments.ToArray();
        for (var i = 0; i < parameters.Length && i < arguments.Length; i++)
        {
            if ((arguments[i] is null || arguments[i] == Missing.Value) && parameters[i].ParameterType.IsInstanceOfType(app))
            {
                arguments[i] = app;
            }
        }
        return await XunitRunnerHelper.RunXunitTestCase(testCase, messageBus, cancellationTokenSource, aggregator, explicitOption, arguments);
    }
}

/// <summary>A fact, or one row of a theory, on one engine.</summary>
public sealed class StoreTestCase : XunitTestCase, ISelfExecutingXunitTestCase
{
    [Obsolete("Called by the de-serializer")]
    public StoreTestCase()
    {
    }

    public StoreTestCase(XunitTestCase discovered, string store)
        : base(discovered.TestMethod, StoreTestCases.DisplayName(discovered.TestCaseDisplayName, store),
            StoreTestCases.UniqueId(discovered.UniqueID, store), discovered.Explicit, discovered.SkipExceptions, discovered.SkipReason,
            discovered.SkipType, discovered.SkipUnless, discovered.SkipWhen, StoreTestCases.Traits(discovered.Traits, store),
            discovered.TestMethodArguments, discovered.SourceFilePath, discovered.SourceLineNumber, discovered.Timeout) =>
        Store = store;

    public string Store { get; private set; } = "";

    public ValueTask<RunSummary> Run(ExplicitOption explicitOption, IMessageBus messageBus, object?[] constructorArguments,
        ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource) =>
        StoreTestCases.RunAsync(this, Store, explicitOption, messageBus, constructorArguments, aggregator, cancellationTokenSource);

    protected override void Serialize(IXunitSerializationInfo info)
    {
        base.Serialize(info);
        info.AddValue("store", Store);
    }

    protected override void Deserialize(IXunitSerializationInfo info)
    {
        base.Deserialize(info);
        Store = info.GetValue<string>("store") ?? "";
    }
}

/// <summary>A theory whose rows are read when it runs (they cannot be serialized at discovery), on one engine.</summary>
public sealed class StoreTheoryTestCase : XunitDelayEnumeratedTheoryTestCase, ISelfExecutingXunitTestCase
{
    [Obsolete("Called by the de-serializer")]
    public StoreTheoryTestCase()
    {
    }

    public StoreTheoryTestCase(XunitDelayEnumeratedTheoryTestCase discovered, string store)
        : base(discovered.TestMethod, StoreTestCases.DisplayName(discovered.TestCaseDisplayName, store),
            StoreTestCases.UniqueId(discovered.UniqueID, store), discovered.Explicit, discovered.SkipTestWithoutData,
            discovered.SkipExceptions, discovered.SkipReason, discovered.SkipType, discovered.SkipUnless, discovered.SkipWhen,
            StoreTestCases.Traits(discovered.Traits, store), discovered.SourceFilePath, discovered.SourceLineNumber, discovered.Timeout) =>
        Store = store;

    public string Store { get; private set; } = "";

    public ValueTask<RunSummary> Run(ExplicitOption explicitOption, IMessageBus messageBus, object?[] constructorArguments,
        ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource) =>
        StoreTestCases.RunAsync(this, Store, explicitOption, messageBus, constructorArguments, aggregator, cancellationTokenSource);

    protected override void Serialize(IXunitSerializationInfo info)
    {
        base.Serialize(info);
        info.AddValue("store", Store);
    }

    protected override void Deserialize(IXunitSerializationInfo info)
    {
        base.Deserialize(info);
        Store = info.GetValue<string>("store") ?? "";
    }
}
