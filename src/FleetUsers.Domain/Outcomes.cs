namespace FleetUsers.Domain;

/// <summary>
/// A request that cannot be carried out for a reason the client can act on. The HTTP
/// layer turns each kind into its status code and the contract's error body in one place.
/// </summary>
public abstract class RequestRefusedException(IReadOnlyList<string> problems) : Exception(string.Join("; ", problems))
{
    protected RequestRefusedException(string problem) : this([problem])
    {
    }

    /// <summary>What the client is told, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>The request breaks one or more rules; every problem names its field.</summary>
public sealed class ValidationFailedException(IReadOnlyList<string> problems) : RequestRefusedException(problems);

/// <summary>Nothing of that id exists in the caller's company (or it belongs to another company); one sentence per id.</summary>
public sealed class NotFoundException(IReadOnlyList<string> problems) : RequestRefusedException(problems)
{
    public NotFoundException(string problem) : this([problem])
    {
    }
}

/// <summary>It exists in the caller's company, but outside the caller's reach.</summary>
public sealed class ForbiddenException() : RequestRefusedException("The caller may not do this.");

/// <summary>A unique value (username, employee id) is taken; one sentence per value.</summary>
public sealed class ConflictException(IReadOnlyList<string> problems) : RequestRefusedException(problems)
{
    public ConflictException(string problem) : this([problem])
    {
    }
}

/// <summary>The If-Match version is no longer the current one.</summary>
public sealed class PreconditionFailedException(string message) : RequestRefusedException(message);

/// <summary>Too many recent failed attempts (logins): the client may try again after <see cref="RetryAfter"/>.</summary>
public sealed class TooManyAttemptsException(TimeSpan retryAfter)
    : RequestRefusedException($"too many failed logins; try again in {RetryAfterSeconds.Of(retryAfter)} seconds")
{
    public TimeSpan RetryAfter { get; } = retryAfter;

    /// <summary>Whole seconds, at least one, as the Retry-After header wants them.</summary>
    public int Seconds => RetryAfterSeconds.Of(RetryAfter);
}

/// <summary>
/// The service has as much of some costly work queued as it takes on (password hashes): answered 503 with
/// Retry-After, at once, instead of waiting without end.
/// </summary>
public sealed class ServiceBusyException(TimeSpan retryAfter)
    : RequestRefusedException($"the service is busy; try again in {RetryAfterSeconds.Of(retryAfter)} seconds")
{
    /// <summary>Whole seconds, at least one, as the Retry-After header wants them.</summary>
    public int Seconds { get; } = RetryAfterSeconds.Of(retryAfter);
}

internal static class RetryAfterSeconds
{
    public static int Of(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}
