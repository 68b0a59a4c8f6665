using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using FleetUsers.Domain.Access;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace FleetUsers.Web.Pages.ImportExport;

/// <summary>
/// A checked file carried from the check to the commit in the page's own form, so that any instance
/// answers the commit (no server memory, nothing written before the commit): compressed, then
/// protected with Data Protection (keys in the database, shared by every instance) for this person
/// and for <see cref="Lifetime"/>. The commit checks the file again in full, so the protection is
/// about the person, not the rules: another person's or an old form is not taken.
/// </summary>
public sealed class StagedFile(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public string Protect(Caller caller, string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }
        return WebEncoders.Base64UrlEncode(Protector(caller).Protect(buffer.ToArray(), clock.GetUtcNow() + Lifetime));
    }

    /// <summary>The file's text; null when the form's value is not one this person was given within <see cref="Lifetime"/>.</summary>
    public string? Unprotect(Caller caller, string? staged)
    {
        if (string.IsNullOrEmpty(staged))
        {
            return null;
        }
        try
        {
            var bytes = Protector(caller).Unprotect(WebEncoders.Base64UrlDecode(staged), out var expires);
            if (expires < clock.GetUtcNow())
            {
                return null;
            }
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }

    private ITimeLimitedDataProtector Protector(Caller caller) =>
        protection.CreateProtector("FleetUsers.Console.Import", caller.CompanyId.ToString(), caller.ActorId.ToString()).ToTimeLimitedDataProtector();
}
