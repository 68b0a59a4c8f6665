using FleetUsers.Domain.Access;
using FleetUsers.Domain.Groups;
using Microsoft.AspNetCore.Authorization;

namespace FleetUsers.Web.Auth;

/// <summary>The parts of the console; the navigation shows a link only to those the caller may use.</summary>
public enum ConsoleSection
{
    Users,
    Groups,
    ImportExport,
    Integrations,
}

/// <summary>Which sections a caller may use, from its reach in the tree (the API's own rules).</summary>
public static class ConsoleSections
{
    public static IReadOnlySet<ConsoleSection> Of(Caller caller, GroupTree tree)
    {
        var reach = Reach.Of(caller, tree);
        var sections = new HashSet<ConsoleSection>();
        if (reach.ReadableGroups.Count > 0)
        {
            sections.Add(ConsoleSection.Users); // Administrator or Coach somewhere: reads users there
        }
        if (reach.VisibleGroups.Count > 0)
        {
            sections.Add(ConsoleSection.Groups); // any role: sees the groups it holds it in, and below
        }
        if (reach.ManageableGroups.Count > 0)
        {
            sections.Add(ConsoleSection.ImportExport); // Administrator somewhere: creates and exports users there
        }
        if (reach.ManagesWholeCompany)
        {
            sections.Add(ConsoleSection.Integrations); // Administrator at the root: API clients act company-wide
        }
        return sections;
    }
}

/// <summary>Authorization policies of the console: signed in, and signed in with the use of one section.</summary>
public static class ConsolePolicies
{
    public const string SignedIn = "Console";
    public const string Users = "Console.Users";
    public const string Groups = "Console.Groups";
    public const string ImportExport = "Console.ImportExport";
    public const string Integrations = "Console.Integrations";

    /// <summary>Creating users takes what importing them takes: Administrator somewhere.</summary>
    public const string CreateUsers = ImportExport;

    public static void Add(AuthorizationBuilder policies)
    {
        policies.AddPolicy(SignedIn, Require(null));
        policies.AddPolicy(Users, Require(ConsoleSection.Users));
        policies.AddPolicy(Groups, Require(ConsoleSection.Groups));
        policies.AddPolicy(ImportExport, Require(ConsoleSection.ImportExport));
        policies.AddPolicy(Integrations, Require(ConsoleSection.Integrations));
    }

    private static AuthorizationPolicy Require(ConsoleSection? section) =>
        new AuthorizationPolicyBuilder(ConsoleAuth.Scheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new ConsoleSectionRequirement(section))
            .Build();
}

/// <summary>A validated console session (see <see cref="ConsoleCaller"/>), with the use of the section when one is named.</summary>
public sealed record ConsoleSectionRequirement(ConsoleSection? Section) : IAuthorizationRequirement;

public sealed class ConsoleSectionHandler(ConsoleSession session) : AuthorizationHandler<ConsoleSectionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ConsoleSectionRequirement requirement)
    {
        if (session.IsSignedIn && (requirement.Section is not { } section || session.May(section)))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
