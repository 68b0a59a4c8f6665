using FleetUsers.Domain;
using Microsoft.AspNetCore.Http;

namespace FleetUsers.Web.Pages.Users;

/// <summary>How the user form answers a save the service refused: the status the API would give, and its words.</summary>
public static class UserFormRefusal
{
    /// <summary>The page's status for a refusal the form shows next to its fields, or null for anything else.</summary>
    public static int? StatusOf(Exception e) => e switch
    {
        ValidationFailedException => StatusCodes.Status400BadRequest,
        ForbiddenException => StatusCodes.Status403Forbidden,
        NotFoundException => StatusCodes.Status400BadRequest, // a group of a row removed meanwhile
        ConflictException => StatusCodes.Status409Conflict,
        ServiceBusyException => StatusCodes.Status503ServiceUnavailable,
        _ => null,
    };

    /// <summary>The API's sentence, except the one written for programs about "the caller".</summary>
    public static string Reword(string problem) =>
        problem == new ForbiddenException().Problems[0]
            ? "Your roles do not let you make this change: every group of the user's roles, old and new, must be one you administer, and you may not give yourself more reach."
            : problem;
}
