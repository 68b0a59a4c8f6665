namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>The real time, moved by a fixed amount: "days later" without waiting.</summary>
public sealed class ShiftedClock(TimeSpan shift) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
}
