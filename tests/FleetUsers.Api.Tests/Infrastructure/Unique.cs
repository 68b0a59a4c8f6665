namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>Usernames are unique across all companies, so every test names its people uniquely.</summary>
public static class Unique
{
    public static string Suffix() => Guid.NewGuid().ToString("N")[..10];

    /// <summary>Letters only (for names whose generated usernames a test predicts).</summary>
    public static string Letters(int length = 8) =>
        new(Guid.NewGuid().ToString("N").Select(c => (char)('a' + (c % 26))).Take(length).ToArray());
}
