using System.Net;
using System.Security.Cryptography;
using FleetUsers.Application.Auth;
using FleetUsers.Application.Changes;
using FleetUsers.Application.Scim;
using FleetUsers.Domain;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Roles;
using FleetUsers.Domain.Users;
using FleetUsers.Application.Ports;

namespace FleetUsers.Application.Clients;

/// <summary>A client as an operator sees it: with its group's path, never its secret (nor its hash).</summary>
public sealed record ApiClientDetails(Guid Id, Guid CompanyId, string Name, int RoleId, DateTimeOffset CreatedDate, DateTimeOffset? RevokedDate,
    string GroupPath)
{
    /// <summary>A SCIM client's: the role its new users and group members receive; null for other clients.</summary>
    public int? ScimRoleId { get; init; }

    public bool IsActive => RevokedDate is null;

    public static ApiClientDetails Of(ApiClient client, string groupPath) =>
        new(client.Id, client.CompanyId, client.Name, client.RoleId, client.CreatedDate, client.RevokedDate, groupPath)
        {
            ScimRoleId = client.ScimRoleId,
        };
}

/// <summary>A new client and its secret, which is shown this once and stored only as a hash.</summary>
public sealed record CreatedApiClient(ApiClientDetails Details, string Secret)
{
    /// <summary>A SCIM client's long-lived bearer token, shown this once and stored only as a hash.</summary>
    public string? ScimToken { get; init; }
}

/// <summary>The client a client-credentials request proved to be, for the token.</summary>
public sealed record AuthenticatedClient(Guid ClientId, Guid CompanyId, string Name);

/// <summary>
/// API clients for integrations (OAuth 2.0 client credentials): created and revoked by an
/// operator, each with one role in one group of its company.
/// </summary>
public sealed class ApiClientService(IDatabase database, PasswordHashing hashing, CredentialThrottle throttle, ChangeRecorder changes,
    TimeProvider clock)
{
    public const int SecretBytes = 32;

    /// <summary>
    /// A client with <paramref name="roleId"/> in the group; with <paramref name="scimRoleId"/>, a SCIM client:
    /// Administrator and Group Manager of the group's subtree, whose new users and group members receive
    /// <paramref name="scimRoleId"/>, with a long-lived bearer token as well as its OAuth secret.
    /// </summary>
    public async Task<CreatedApiClient> CreateAsync(Guid companyId, string name, Guid groupId, int roleId, CancellationToken ct,
        int? scimRoleId = null)
    {
        var problems = new List<string>();
        if (FieldRules.Name("name", name) is { } nameProblem)
        {
            problems.Add(nameProblem);
        }
        foreach (var role in scimRoleId is { } given ? [roleId, given] : new[] { roleId })
        {
            if (!RoleCatalog.Contains(role))
            {
                problems.Add($"role {role} is not a role of the catalogue");
            }
        }
        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }
        var secret = Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));
        var scimToken = scimRoleId is null ? null : ScimTokens.New();
        var secretHash = await hashing.HashAsync(secret, ct); // before the transaction: no writer waits behind a hash
        await using var session = await database.BeginAsync(write: true, ct);
        // The tree's lock, as every group change takes it: a delete of the group (which refuses
        // groups that active clients hold) cannot miss this client by committing alongside it.
        await session.Companies.LockTreeAsync(companyId, ct);
        var tree = await session.Groups.LoadTreeAsync(companyId, ct);
        if (!tree.Contains(groupId))
        {
            throw new NotFoundException($"group {groupId} is not a group of company {companyId}");
        }
        var now = clock.Now();
        var client = new ApiClient
        {
            Id = Guid.CreateVersion7(now),
            CompanyId = companyId,
            Name = name.Trim(),
            SecretHash = secretHash,
            GroupId = groupId,
            RoleId = roleId,
            CreatedDate = now,
            ScimRoleId = scimRoleId,
            ScimTokenHash = scimToken is null ? null : ScimTokens.Hash(scimToken.Secret),
        };
        await session.Clients.InsertAsync(client, ct);
        await session.CommitAsync(ct);
        return new CreatedApiClient(ApiClientDetails.Of(client, tree.FullPath(groupId)), secret)
        {
            ScimToken = scimToken is null ? null : ScimTokens.Format(client.Id, scimToken.Secret),
        };
    }

    public async Task<IReadOnlyList<ApiClientDetails>> ListAsync(Guid? companyId, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: false, ct);
        var clients = await session.Clients.ListAsync(companyId, ct);
        var result = new List<ApiClientDetails>();
        foreach (var company in clients.GroupBy(c => c.CompanyId))
        {
            var tree = await session.Groups.LoadTreeAsync(company.Key, ct);
            result.AddRange(company.Select(c => ApiClientDetails.Of(c, tree.Contains(c.GroupId) ? tree.FullPath(c.GroupId) : "(deleted group)")));
        }
        return result.OrderBy(c => c.CreatedDate).ThenBy(c => c.Id).ToList();
    }

    /// <summary>
    /// Revokes the client: its tokens stop working from the next request on. False when there is no such active
    /// client (with <paramref name="companyId"/>: in that company). The revocation is recorded as
    /// <paramref name="actor"/>'s, by default the operator's.
    /// </summary>
    public async Task<bool> RevokeAsync(Guid clientId, CancellationToken ct, AuditActor? actor = null, Guid? companyId = null)
    {
        await using var session = await database.BeginAsync(write: true, ct);
        if (await session.Clients.FindAsync(clientId, ct) is not { } client || (companyId is { } company && client.CompanyId != company))
        {
            return false;
        }
        var now = clock.Now();
        var revoked = await session.Clients.RevokeAsync(clientId, now, ct);
        if (revoked)
        {
            await changes.ClientRevokedAsync(session, actor ?? ChangeRecorder.Operator, client, now, ct);
        }
        await session.CommitAsync(ct);
        return revoked;
    }

    /// <summary>
    /// The client, when the id names an active client and the secret is its own; otherwise
    /// null. Throttled like a user's login (<see cref="CredentialThrottle"/>, the client id in
    /// place of the username): too many recent failures answer <see cref="TooManyAttemptsException"/>
    /// without checking the secret, and a full hash queue <see cref="ServiceBusyException"/> with
    /// nothing counted. Otherwise the hash is checked in every case (against a decoy for unknown
    /// ids), so every refusal costs the same time. A secret kept as an older hash (PBKDF2, or
    /// Argon2id at another cost) is hashed again at the current cost when it proves right.
    /// </summary>
    public async Task<AuthenticatedClient?> AuthenticateAsync(string clientId, string secret, IPAddress? clientAddress, CancellationToken ct)
    {
        ApiClient? client = null;
        async Task LookUpAsync(IStorageSession session)
        {
            if (Guid.TryParse(clientId, out var id))
            {
                client = await session.Clients.FindAsync(id, ct);
            }
        }
        var attempt = await throttle.CountAsync(CredentialName.Client(clientId), clientAddress, LookUpAsync, ct);
        using var place = attempt.Place;
        if (attempt.RetryAfter is { } wait)
        {
            throw new TooManyAttemptsException(wait);
        }
        var check = await hashing.VerifyAsync(place!, client?.SecretHash, secret, ct);
        if (client is not { IsActive: true } || check == PasswordCheck.Wrong)
        {
            await throttle.RefusedAsync(ct);
            return null;
        }
        // At the current cost, when there is room in the hash queue; otherwise at a later use.
        var rehashed = check == PasswordCheck.RightButRehash ? await hashing.HashIfRoomAsync(secret, ct) : null;
        await throttle.SucceededAsync(attempt, async session =>
        {
            if (rehashed is not null)
            {
                await session.Clients.RehashSecretAsync(client.Id, client.SecretHash, rehashed, ct);
            }
            return true; // the secret is never changed, only revoked, which every request checks anyway
        }, ct);
        return new AuthenticatedClient(client.Id, client.CompanyId, client.Name);
    }

    internal static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
