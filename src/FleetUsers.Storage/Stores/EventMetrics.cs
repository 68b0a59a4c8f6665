using System.Diagnostics.Metrics;
using FleetUsers.Application.Events;

namespace FleetUsers.Storage.Stores;

/// <summary>
/// Change events written (meter <see cref="EventMeter.Name"/>), counted when their transaction commits,
/// so a rolled-back change counts nothing. One meter for the process: the database is built outside
/// the service container's meter factory.
/// </summary>
public static class EventMetrics
{
    private static readonly Meter Meter = new(EventMeter.Name);
    private static readonly Counter<long> WrittenCounter =
        Meter.CreateCounter<long>("fleetusers.events.written", "{event}", "Change events committed (the outbox), by every write of this process.");

    internal static void Written(int count) => WrittenCounter.Add(count);
}
