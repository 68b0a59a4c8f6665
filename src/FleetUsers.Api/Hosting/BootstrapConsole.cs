namespace FleetUsers.Api.Hosting;

/// <summary>Where start-up prints how to log in (the console; tests read it from a writer of their own).</summary>
public sealed record BootstrapConsole(TextWriter Writer);
