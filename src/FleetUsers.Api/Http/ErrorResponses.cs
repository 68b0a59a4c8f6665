namespace FleetUsers.Api.Http;

public static class ErrorResponses
{
    /// <summary>Writes the contract's error body with the given status.</summary>
    public static Task WriteAsync(HttpContext context, int status, params IEnumerable<string> problems)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(ErrorBody.For(status, problems), JsonSettings.Options, context.RequestAborted);
    }
}
