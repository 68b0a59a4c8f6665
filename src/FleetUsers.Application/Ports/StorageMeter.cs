namespace FleetUsers.Application.Ports;

/// <summary>
/// The storage's meter (<c>FleetUsers.Storage</c>: on SQLite, the write sessions per committed batch): named
/// here so the host can listen to it without reaching into the storage that measures.
/// </summary>
public static class StorageMeter
{
    public const string Name = "FleetUsers.Storage";
}
