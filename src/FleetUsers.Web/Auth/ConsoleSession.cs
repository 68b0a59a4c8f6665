using FleetUsers.Domain.Access;
using FleetUsers.Domain.Groups;

namespace FleetUsers.Web.Auth;

/// <summary>
/// Who is at the screen for this request, as the database says now (see <see cref="ConsoleCaller"/>):
/// the caller (user and roles), its company's name and group tree, and the console's sections it may use.
/// Scoped to the request; empty until the cookie was validated.
/// </summary>
public sealed class ConsoleSession
{
    private Caller? _caller;
    private GroupTree? _tree;

    public bool IsSignedIn => _caller is not null;

    public Caller Caller => _caller ?? throw NotSignedIn();

    /// <summary>The caller's company's group tree, as read for this request.</summary>
    public GroupTree Tree => _tree ?? throw NotSignedIn();

    public string CompanyName { get; private set; } = "";

    public IReadOnlySet<ConsoleSection> Sections { get; private set; } = new HashSet<ConsoleSection>();

    public bool May(ConsoleSection section) => Sections.Contains(section);

    internal void SignedIn(Caller caller, string companyName, GroupTree tree)
    {
        _caller = caller;
        _tree = tree;
        CompanyName = companyName;
        Sections = ConsoleSections.Of(caller, tree);
    }

    private static InvalidOperationException NotSignedIn() =>
        new("No one is signed in: the page must require the console's policy.");
}
