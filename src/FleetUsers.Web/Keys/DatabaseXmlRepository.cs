using System.Xml.Linq;
using FleetUsers.Application.Ports;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace FleetUsers.Web.Keys;

/// <summary>
/// Data Protection's key repository over the database's key ring (<see cref="IKeyRingStore"/>), so
/// every instance on the database reads the cookies and antiforgery tokens of every other.
/// </summary>
public sealed class DatabaseXmlRepository(IKeyRingStore keys) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => keys.ReadAll().Select(XElement.Parse).ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        keys.Add(friendlyName, element.ToString(SaveOptions.DisableFormatting));
}
