using Dapper;
using FleetUsers.Application.Ports;

namespace FleetUsers.Storage.Stores;

/// <summary>The key ring in table data_protection_keys (migration 0040).</summary>
internal sealed class KeyRingStore(SqlDatabase database) : IKeyRingStore
{
    public IReadOnlyList<string> ReadAll()
    {
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        return connection.Query<string>(new CommandDefinition(
            "SELECT xml FROM data_protection_keys ORDER BY id", commandTimeout: database.CommandTimeoutSeconds)).ToList();
    }

    public void Add(string name, string xml) => AddAsync(name, xml).GetAwaiter().GetResult();

    /// <summary>In a write session, as every write: SQLite's writer turn and busy wait apply.</summary>
    private async Task AddAsync(string name, string xml)
    {
        await using var session = await database.BeginAsync(write: true, CancellationToken.None);
        await session.ExecuteAsync("INSERT INTO data_protection_keys (name, xml) VALUES (@name, @xml)", new { name, xml }, CancellationToken.None);
        await session.CommitAsync(CancellationToken.None);
    }
}
