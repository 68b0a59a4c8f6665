namespace FleetUsers.Application.Ports;

/// <summary>
/// ASP.NET Data Protection's key ring (the keys of the console's cookies and antiforgery tokens),
/// kept in the database so every instance on it reads what every other wrote: no sticky sessions.
/// Synchronous because the framework's key repository is; it calls rarely (start-up, a key due,
/// a daily refresh).
/// </summary>
public interface IKeyRingStore
{
    /// <summary>Every key's XML, oldest first.</summary>
    IReadOnlyList<string> ReadAll();

    void Add(string name, string xml);
}
