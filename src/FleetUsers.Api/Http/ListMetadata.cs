namespace FleetUsers.Api.Http;

/// <summary>The paging part of every list envelope: how many match in all, and the page asked for.</summary>
public sealed record ListMetadata(int Count, int Limit, int Offset);
