using Dapper;
using FleetUsers.Application.Ports;

namespace FleetUsers.Storage.Stores;

/// <summary>The key ring in table data_protection_keys (migration 0040), one autocommitted statement per call.</summary>
internal sealed class KeyRingStore(SqlDatabase database) : IKeyRingStore
{
    public IReadOnlyList<string> ReadAll()
    {
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        return connection.Query<string>(new CommandDefinition(
            "SELECT xml FROM data_protection_keys ORDER BY id", commandTimeout: database.CommandTimeoutSeconds)).ToList();
    }

    public void Add(string name, string xml)
    {
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        connection.Execute(new CommandDefinition(
            "INSERT INTO data_protection_keys (name, xml) VALUES (@name, @xml)", new { name, xml }, commandTimeout: database.CommandTimeoutSeconds));
    }
}
