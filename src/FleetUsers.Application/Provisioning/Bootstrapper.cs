using FleetUsers.Application.Audit;
using FleetUsers.Application.Ports;
using Microsoft.Extensions.Options;

namespace FleetUsers.Application.Provisioning;

/// <summary>What start-up did to the database, and where it left the administrator's generated password (if it made one).</summary>
public sealed record BootstrapOutcome(ProvisionedCompany? Created, string? PasswordFile);

/// <summary>
/// Start-up: apply migrations, give the audit trail's coming months their partitions (PostgreSQL), write the role catalogue, and on an empty database create
/// the first company, its administrator and (optionally) demo data.
/// </summary>
public sealed class Bootstrapper(IDatabase database, CompanyProvisioning provisioning, DemoData demo, AdminPasswordFile passwordFile,
    IOptions<BootstrapOptions> options, TimeProvider clock)
{
    /// <summary>Brings the schema up to date and writes the role catalogue, creating no company (the operator command line).</summary>
    public async Task MigrateAsync(CancellationToken ct)
    {
        database.Migrate();
        // Usually the catalogue is current: then a read, and no turn at the writer's lock (on SQLite a write waits
        // only the command timeout, and a service starting beside this command may hold the lock that long).
        await using (var read = await database.BeginAsync(write: false, ct))
        {
            if (await read.Companies.RoleCatalogIsCurrentAsync(ct))
            {
                return;
            }
        }
        await using var session = await database.BeginAsync(write: true, ct);
        await session.LockAsync(StorageLock.Bootstrap, ct);
        await session.Companies.SyncRoleCatalogAsync(ct);
        await session.CommitAsync(ct);
    }

    /// <summary>A database out of reach stops the start with one line (the engine says so already when the first connection fails).</summary>
    public async Task<BootstrapOutcome> RunAsync(CancellationToken ct)
    {
        try
        {
            return await BootstrapAsync(ct);
        }
        catch (Exception e) when (e is not StartupException && database.IsUnavailable(e))
        {
            throw new StartupException(
                $"the database cannot be reached ({e.Message.TrimEnd('.')}): check ConnectionStrings__Users and that the database is up", e);
        }
    }

    private async Task<BootstrapOutcome> BootstrapAsync(CancellationToken ct)
    {
        database.Migrate();
        // Before the first request: an entry of a month without its partition would land in the default one. A trail
        // too busy to add one now (other instances writing) does not stop the start: the retention rounds try again.
        await AuditMonthsAhead.PrepareAsync(database, clock.GetUtcNow(), ct);
        await using var session = await database.BeginAsync(write: true, ct);
        await session.LockAsync(StorageLock.Bootstrap, ct); // several instances may start at once
        await session.Companies.SyncRoleCatalogAsync(ct);
        if (await session.Companies.AnyAsync(ct))
        {
            await ForgetUsedPasswordsAsync(session, ct);
            await session.CommitAsync(ct);
            return new BootstrapOutcome(null, null);
        }

        var settings = options.Value;
        var generated = string.IsNullOrEmpty(settings.AdminPassword) ? CompanyProvisioning.GeneratePassword() : null;
        ProvisionedCompany company;
        try
        {
            company = await provisioning.CreateAsync(session, settings.CompanyName, settings.AdminUsername,
                settings.AdminPassword is { Length: > 0 } given ? given : generated!, ct);
        }
        catch (ArgumentException e)
        {
            throw new StartupException(
                $"the first company cannot be made from the Bootstrap settings ({e.Message}): set Bootstrap__CompanyName, Bootstrap__AdminUsername or Bootstrap__AdminPassword", e);
        }
        if (settings.DemoData)
        {
            await demo.AddAsync(session, company, ct);
        }
        // Written before the commit: a start that cannot leave the password anywhere creates nothing.
        var file = generated is null ? null : passwordFile.Write(company.Administrator.Username, generated);
        try
        {
            await session.CommitAsync(ct);
        }
        catch
        {
            passwordFile.Forget(company.Administrator.Username);
            throw;
        }
        return new BootstrapOutcome(company, file);
    }

    /// <summary>
    /// Password files of users who logged in or were changed since they were written (through
    /// another instance, or while this one was stopped): the password in them is spent.
    /// </summary>
    private async Task ForgetUsedPasswordsAsync(IStorageSession session, CancellationToken ct)
    {
        foreach (var username in passwordFile.Usernames())
        {
            var user = await session.Users.FindForLoginAsync(username, ct);
            if (user is null || user.LastLoginDate is not null || user.UpdatedDate > user.CreatedDate)
            {
                passwordFile.Forget(username);
            }
        }
    }
}
