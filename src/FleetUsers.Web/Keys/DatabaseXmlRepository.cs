using System.Xml.Linq;
using Dapper;
using FleetUsers.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace FleetUsers.Web.Keys;

/// <summary>
/// Keeps ASP.NET Data Protection's keys in the database (table data_protection_keys, migration
/// 0040), so every instance on it reads the cookies and antiforgery tokens of every other: no
/// sticky sessions. The framework calls this rarely (at start-up, when a key is due, once a day to
/// refresh) and synchronously, so the calls block on the database for that moment. Self-contained
/// on purpose: it takes the plain connection <see cref="Database"/> hands out and writes with one
/// autocommitted statement.
/// </summary>
public sealed class DatabaseXmlRepository(Database database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        return connection.Query<string>(new CommandDefinition("SELECT xml FROM data_protection_keys ORDER BY id", commandTimeout: database.CommandTimeoutSeconds))
            .Select(xml => XElement.Parse(xml))
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        connection.Execute(new CommandDefinition("INSERT INTO data_protection_keys (name, xml) VALUES (@name, @xml)",
            new { name = friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) }, commandTimeout: database.CommandTimeoutSeconds));
    }
}
