namespace FleetUsers.Application;

public static class ClockExtensions
{
    /// <summary>Now, in UTC, to the microsecond: the precision both stores keep, so a response equals a later read.</summary>
    public static DateTimeOffset Now(this TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
