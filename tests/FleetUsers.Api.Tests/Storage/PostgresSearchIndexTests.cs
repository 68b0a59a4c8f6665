using FleetUsers.Api.Tests.Infrastructure;

namespace FleetUsers.Api.Tests.Storage;

/// <summary>
/// The trigram index behind searchText keeps a short pending list (migration 0150): every search reads the whole
/// list, which by PostgreSQL's default grows to 4 MB under writes, and a search then ran at a third of its speed
/// (bench/README, item 26).
/// </summary>
public sealed class PostgresSearchIndexTests(PostgresApp app)
{
    [StoreFact(Only = "postgres")]
    public async Task TheTrigramIndexMergesItsPendingEntriesEvery128Kilobytes()
    {
        var options = await StoreSql.ScalarAsync(app,
            "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'ix_users_search_text' AND relkind = 'i'");

        Assert.Equal("gin_pending_list_limit=128", options);
    }
}
