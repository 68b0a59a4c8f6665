namespace FleetUsers.Application.Events;

/// <summary>
/// The meter of change events written (<c>FleetUsers.Events</c>): named here so the host can listen to
/// it without reaching into the storage that counts them (Storage/Stores/EventMetrics).
/// </summary>
public static class EventMeter
{
    public const string Name = "FleetUsers.Events";
}
