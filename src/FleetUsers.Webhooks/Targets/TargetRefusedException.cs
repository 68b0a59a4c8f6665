namespace FleetUsers.Webhooks.Targets;

/// <summary>A delivery's connection was refused by the SSRF policy before any packet was sent.</summary>
public sealed class TargetRefusedException(string message) : Exception(message);
