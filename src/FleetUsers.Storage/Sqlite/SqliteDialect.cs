using System.Text.Json;
using FleetUsers.Storage.Engine;

namespace FleetUsers.Storage.Sqlite;

/// <summary>SQLite's wording: no row locks (writers take turns), lists as JSON, search through an FTS5 trigram index.</summary>
public sealed class SqliteDialect : SqlDialect
{
    public override string ForUpdate => "";

    /// <summary>
    /// With a full-text search, the unary + keeps SQLite from walking the company's index (all
    /// its users) and makes it start from the few rows the search index names.
    /// </summary>
    public override string CompanyCondition(string? searchText) =>
        searchText is not null && UsesSearchIndex(searchText) ? "+u.company_id = @companyId" : base.CompanyCondition(searchText);

    public override string SearchCondition(string text) => UsesSearchIndex(text)
        ? "u.rowid IN (SELECT rowid FROM user_search WHERE user_search MATCH @phrase) AND " + base.SearchCondition(text)
        : base.SearchCondition(text);

    /// <summary>Trigrams need three characters; shorter texts are matched by scanning.</summary>
    private static bool UsesSearchIndex(string text) => text.Length >= 3;

    public override string IsOneOf(string column, string parameter) =>
        $"{column} IN (SELECT value FROM json_each({parameter}))";

    // SQLite has no arrays: the list travels as JSON and json_each unpacks it. UUIDs are kept
    // as upper-case text (how Microsoft.Data.Sqlite writes them), so they compare equal.
    public override object ListOf(IEnumerable<Guid> ids) =>
        JsonSerializer.Serialize(ids.Select(id => id.ToString("D").ToUpperInvariant()));

    public override object ListOf<T>(IEnumerable<T> values) => JsonSerializer.Serialize(values);
}
