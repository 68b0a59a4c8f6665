using FleetUsers.Domain;
using Microsoft.AspNetCore.Http;

namespace FleetUsers.Web.Pages.Users;

/// <summary>How the user form answers a save the service refused: with the status the API would give, and its words.</summary>
public static class UserFormRefusal
{
    /// <summary>Said instead of the API's 403 sentence, which is written for programs ("the caller").</summary>
    private const string NotYourReach =
        "Your roles do not let you make this change: every group of the user's roles, old and new, must be one you administer, and you may not give yourself more reach.";

    /// <summary>True for a refusal the form shows next to its fields (anything else is not the person's to mend).</summary>
    public static bool Shows(RequestRefusedException e) => StatusOf(e) is not null;

    /// <summary>Answers the page with the refusal's status and returns its problems, placed on the form's fields and rows.</summary>
    public static FieldProblems Show(RequestRefusedException e, UserForm form, HttpContext http)
    {
        http.Response.StatusCode = StatusOf(e) ?? StatusCodes.Status400BadRequest;
        return new FieldProblems(e is ForbiddenException ? [NotYourReach] : e.Problems, form.FormRowOf);
    }

    private static int? StatusOf(RequestRefusedException e) => e switch
    {
        ValidationFailedException => StatusCodes.Status400BadRequest,
        ForbiddenException => StatusCodes.Status403Forbidden,
        NotFoundException => StatusCodes.Status400BadRequest, // a group of a row removed meanwhile
        ConflictException => StatusCodes.Status409Conflict,
        ServiceBusyException => StatusCodes.Status503ServiceUnavailable,
        _ => null,
    };
}
