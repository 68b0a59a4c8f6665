using Microsoft.AspNetCore.WebUtilities;

namespace FleetUsers.Api.Http;

/// <summary>
/// The contract's error body: <c>{"error": "Bad Request", "message": ["firstName is required"]}</c>,
/// where error is the status text and message holds one sentence per problem.
/// </summary>
public sealed record ErrorBody(string Error, IReadOnlyList<string> Message)
{
    public static ErrorBody For(int status, IEnumerable<string> problems) =>
        new(ReasonPhrases.GetReasonPhrase(status), problems.ToList());
}

/// <summary>The 500 body: message is one generic sentence, never an exception's detail.</summary>
public sealed record InternalErrorBody(string Error, string Message);
