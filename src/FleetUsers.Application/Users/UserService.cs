using FleetUsers.Application.Audit;
using FleetUsers.Application.Auth;
using FleetUsers.Application.Provisioning;
using FleetUsers.Domain;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Users;
using FleetUsers.Storage;

namespace FleetUsers.Application.Users;

/// <summary>
/// The user operations of the contract. Each runs in one storage session: it reads what
/// it needs, applies the domain rules, and writes everything or nothing.
/// </summary>
public sealed class UserService(Database database, PasswordHashing passwords, TimeProvider clock, AdminPasswordFile passwordFile)
{
    /// <summary>How often a write is retried when a generated username was taken between check and write.</summary>
    private const int GeneratedUsernameAttempts = 3;

    public async Task<UserDetails> GetAsync(Caller caller, string identifier, UserLookup lookup, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: false, ct);
        var user = lookup switch
        {
            UserLookup.UserId => Guid.TryParse(identifier, out var id)
                ? await session.Users.FindAsync(caller.CompanyId, id, forUpdate: false, ct)
                : throw new ValidationFailedException(["userIdentifier must be a UUID when searchBy is UserId"]),
            UserLookup.Username => await session.Users.FindByUsernameAsync(caller.CompanyId, identifier, ct),
            _ => await session.Users.FindByEmployeeIdAsync(caller.CompanyId, identifier, ct),
        } ?? throw new NotFoundException($"No user with {Describe(lookup)} {identifier}");
        var tree = await session.Groups.LoadTreeAsync(caller.CompanyId, ct);
        if (!Reach.Of(caller, tree).CanReadUser(user.GroupRoles))
        {
            throw new ForbiddenException();
        }
        return UserDetails.From(user, tree);
    }

    public async Task<UserPage> ListAsync(Caller caller, UserListQuery query, CancellationToken ct)
    {
        await using var session = await database.BeginSnapshotAsync(ct);
        var tree = await session.Groups.LoadTreeAsync(caller.CompanyId, ct);
        var reach = Reach.Of(caller, tree);
        var unknown = query.GroupIds.Where(id => !tree.Contains(id)).Select(id => $"groupId {id} was not found").ToList();
        if (unknown.Count > 0)
        {
            throw new NotFoundException(unknown);
        }
        var inGroups = query.GroupIds.Count == 0 ? null
            : query.IncludeSubGroups ? query.GroupIds.SelectMany(tree.Subtree).Select(g => g.Id).ToHashSet()
            : query.GroupIds.ToHashSet();
        if (!reach.ReadsWholeCompany && reach.ReadableGroups.Count == 0)
        {
            return new UserPage([], 0, query.Limit, query.Offset);
        }
        var (total, page) = await session.Users.ListAsync(new UserListFilter
        {
            CompanyId = caller.CompanyId,
            InGroups = inGroups,
            RoleIds = query.RoleIds,
            ReadableGroups = reach.ReadsWholeCompany ? null : reach.ReadableGroups.ToList(),
            Statuses = query.Statuses,
            LoginEnabled = query.LoginEnabled,
            SearchText = query.SearchText,
            Limit = query.Limit,
            Offset = query.Offset,
            Descending = query.Descending,
        }, ct);
        return new UserPage(page.Select(u => UserDetails.From(u, tree)).ToList(), total, query.Limit, query.Offset);
    }

    public async Task<UserDetails> CreateAsync(Caller caller, UserDraft draft, CancellationToken ct)
    {
        var passwordHash = await HashAheadAsync(draft, session => CheckCreateAsync(session, caller, draft, ct), ct);
        return await RetryingGeneratedUsernameRaces(async () =>
        {
            await using var session = await database.BeginAsync(write: true, ct);
            var (tree, valid) = await CheckCreateAsync(session, caller, draft, ct);

            var now = clock.Now();
            var user = new StoredUser
            {
                Id = Guid.CreateVersion7(now),
                CompanyId = caller.CompanyId,
                Status = UserStatus.Active,
                CreatedDate = now,
                Version = 0,
            };
            await ApplyAsync(session, user, valid, passwordHash, now, ct);
            // The entry goes first: whatever fails after it takes it back with the rest of the transaction.
            await AuditTrail.AppendAsync(session, caller, AuditAction.Create, null, user, valid.NewPassword is not null, ct);
            try
            {
                await session.Users.InsertAsync(user, ct);
                await session.CommitAsync(ct);
            }
            catch (ForeignKeyViolationException)
            {
                throw GroupRemovedMeanwhile();
            }
            return UserDetails.From(user, tree);
        });
    }

    public async Task<UserDetails> UpdateAsync(Caller caller, Guid userId, UserDraft draft, IReadOnlyCollection<int>? ifMatch, CancellationToken ct)
    {
        var passwordHash = await HashAheadAsync(draft, session => CheckUpdateAsync(session, caller, userId, draft, forUpdate: false, ct), ct);
        return await RetryingGeneratedUsernameRaces(async () =>
        {
            await using var session = await database.BeginAsync(write: true, ct);
            var (user, tree, valid) = await CheckUpdateAsync(session, caller, userId, draft, forUpdate: true, ct);
            RequireVersion(user, ifMatch);

            var before = AuditTrail.Audited(user);
            var expectedVersion = user.Version;
            var couldLogIn = SecurityStamp.CanLogIn(user);
            await ApplyAsync(session, user, valid, passwordHash, clock.Now(), ct);
            SecurityStamp.RenewIfRevoking(user, passwordChanged: valid.NewPassword is not null, couldLogIn);
            await AuditTrail.AppendAsync(session, caller, AuditAction.Update, before, user, valid.NewPassword is not null, ct);
            await SaveAsync(session, user, before, expectedVersion, ct);
            if (valid.NewPassword is not null)
            {
                passwordFile.Forget(before.Username); // a generated first password no longer works
            }
            return UserDetails.From(user, tree);
        });
    }

    /// <summary>
    /// The hash of the password a draft sends, made before the write transaction opens (Argon2id
    /// takes tens of milliseconds, and no write should wait that long for another's lock), but
    /// only once <paramref name="requireAllowed"/>, in a read of its own, found the caller allowed
    /// to make this write: a caller that may not write the user cannot make the service hash.
    /// The write transaction checks everything again.
    /// </summary>
    private async Task<string?> HashAheadAsync(UserDraft draft, Func<StorageSession, Task> requireAllowed, CancellationToken ct)
    {
        if (draft.Password is not { } password)
        {
            return null;
        }
        await using (var session = await database.BeginAsync(write: false, ct))
        {
            await requireAllowed(session);
        }
        return await passwords.HashAsync(password, ct);
    }

    /// <summary>403 unless the caller manages some group; 400 for every field problem; 403 for groups outside its reach.</summary>
    private static async Task<(GroupTree Tree, ValidUser Valid)> CheckCreateAsync(StorageSession session, Caller caller, UserDraft draft, CancellationToken ct)
    {
        var tree = await session.Groups.LoadTreeAsync(caller.CompanyId, ct);
        var reach = Reach.Of(caller, tree);
        if (reach.ManageableGroups.Count == 0)
        {
            throw new ForbiddenException();
        }
        var valid = Validate(draft, new UserRuleContext(tree, HasStoredPassword: false));
        RequireManagerOf(reach, valid);
        return (tree, valid);
    }

    /// <summary>404, 403 (the user's current groups), 400 (every field problem), 403 (the new groups), in that order.</summary>
    private static async Task<(StoredUser User, GroupTree Tree, ValidUser Valid)> CheckUpdateAsync(
        StorageSession session, Caller caller, Guid userId, UserDraft draft, bool forUpdate, CancellationToken ct)
    {
        var (user, tree, reach) = await LoadForChangeAsync(session, caller, userId, forUpdate, ct);
        var valid = Validate(draft, new UserRuleContext(tree, HasStoredPassword: user.PasswordHash is not null));
        RequireManagerOf(reach, valid);
        RequireNoSelfPromotion(caller, user, tree, valid.GroupRoles);
        return (user, tree, valid);
    }

    public async Task<UserDetails> PatchGroupRolesAsync(Caller caller, Guid userId, IReadOnlyList<GroupRoleChange> changes,
        IReadOnlyList<string> readProblems, IReadOnlyCollection<int>? ifMatch, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: true, ct);
        var (user, tree, reach) = await LoadForChangeAsync(session, caller, userId, forUpdate: true, ct);
        // A body that could not be read at all has said what is wrong with it; applying nothing would only add noise.
        var (roles, problems) = changes.Count == 0 && readProblems.Count > 0
            ? (null, [])
            : GroupRolePatch.Apply(user.GroupRoles, changes, user.AllowVideoSearchDownload, tree);
        if (readProblems.Count > 0 || roles is null)
        {
            throw new ValidationFailedException([.. readProblems, .. problems]);
        }
        if (!reach.CanManageAll(roles.Select(r => r.GroupId)))
        {
            throw new ForbiddenException();
        }
        RequireNoSelfPromotion(caller, user, tree, roles);
        RequireVersion(user, ifMatch);

        var before = AuditTrail.Audited(user);
        var expectedVersion = user.Version;
        user.GroupRoles = [.. roles];
        if (user.PrimaryGroupId is { } primary && roles.All(r => r.GroupId != primary))
        {
            // The stored primary group is no longer one of the user's: fall back to the derived one.
            user.PrimaryGroupId = null;
        }
        user.UpdatedDate = clock.Now();
        user.Version++;
        await AuditTrail.AppendAsync(session, caller, AuditAction.PatchGroupRoles, before, user, passwordChanged: false, ct);
        await SaveAsync(session, user, before, expectedVersion, ct);
        return UserDetails.From(user, tree);
    }

    /// <summary>The user to change (locked, <paramref name="forUpdate"/>); 404 outside the company, 403 unless the caller manages all its groups.</summary>
    private static async Task<(StoredUser User, GroupTree Tree, Reach Reach)> LoadForChangeAsync(
        StorageSession session, Caller caller, Guid userId, bool forUpdate, CancellationToken ct)
    {
        var user = await session.Users.FindAsync(caller.CompanyId, userId, forUpdate, ct)
            ?? throw new NotFoundException($"No user with userId {userId}");
        var tree = await session.Groups.LoadTreeAsync(caller.CompanyId, ct);
        var reach = Reach.Of(caller, tree);
        if (!reach.CanManageAll(user.GroupRoles.Select(r => r.GroupId)))
        {
            throw new ForbiddenException();
        }
        return (user, tree, reach);
    }

    private static ValidUser Validate(UserDraft draft, UserRuleContext context)
    {
        var (valid, problems) = UserRules.Check(draft, context);
        return valid ?? throw new ValidationFailedException(problems);
    }

    /// <summary>A caller can never give a user a role, or a primary group, outside its own reach.</summary>
    private static void RequireManagerOf(Reach reach, ValidUser user)
    {
        var groups = user.GroupRoles.Select(r => r.GroupId);
        if (user.PrimaryGroupId is { } primary)
        {
            groups = groups.Append(primary);
        }
        if (!reach.CanManageAll(groups))
        {
            throw new ForbiddenException();
        }
    }

    /// <summary>
    /// A caller changing its own roles gains no role over a group where it did not already hold that
    /// role (or hold it above): an Administrator cannot make itself Group Manager, nor Coach elsewhere.
    /// </summary>
    private static void RequireNoSelfPromotion(Caller caller, StoredUser user, GroupTree tree, IEnumerable<GroupRole> roles)
    {
        if (caller.UserId == user.Id && ReachGrowth.ByRoles(tree, user.GroupRoles, roles))
        {
            throw new ForbiddenException();
        }
    }

    private static void RequireVersion(StoredUser user, IReadOnlyCollection<int>? ifMatch)
    {
        if (ifMatch is not null && !ifMatch.Contains(user.Version))
        {
            throw new PreconditionFailedException("If-Match does not match the user's current version");
        }
    }

    /// <summary>Copies the validated state onto the stored user: username chosen, password (hashed ahead) set, version bumped.</summary>
    private async Task ApplyAsync(StorageSession session, StoredUser user, ValidUser valid, string? passwordHash, DateTimeOffset now, CancellationToken ct)
    {
        await RequireFreeAsync(session, user, valid, ct);
        var username = valid.Username ?? await GenerateUsernameAsync(session, user.Id, valid, ct);
        if (valid.NewPassword is { } password)
        {
            var problems = PasswordPolicy.Problems(password, username).ToList();
            if (problems.Count > 0)
            {
                throw new ValidationFailedException(problems);
            }
            user.PasswordHash = passwordHash ?? throw new InvalidOperationException("A new password reached the store unhashed.");
        }
        user.CopyFrom(valid, username);
        user.UpdatedDate = now;
        user.Version++;
    }

    /// <summary>
    /// 409 when the username or employee id is another user's (both reported at once). A value the user already holds
    /// (in any letter case) is not looked up: the unique index keeps it from everyone else.
    /// </summary>
    private static async Task RequireFreeAsync(StorageSession session, StoredUser user, ValidUser valid, CancellationToken ct)
    {
        var conflicts = new List<string>();
        if (valid.Username is { } username
            && !(user.Username is { } stored && StorageKeys.Username(stored) == StorageKeys.Username(username))
            && await session.Users.IsUsernameTakenAsync(username, user.Id, ct))
        {
            conflicts.Add(UsernameTaken(username));
        }
        if (valid.EmployeeId is { } employeeId
            && StorageKeys.EmployeeId(user.EmployeeId) != StorageKeys.EmployeeId(employeeId)
            && await session.Users.IsEmployeeIdTakenAsync(user.CompanyId, employeeId, user.Id, ct))
        {
            conflicts.Add(EmployeeIdTaken(employeeId));
        }
        if (conflicts.Count > 0)
        {
            throw new ConflictException(conflicts);
        }
    }

    private static async Task<string> GenerateUsernameAsync(StorageSession session, Guid userId, ValidUser valid, CancellationToken ct)
    {
        foreach (var candidate in UsernameGenerator.Candidates(valid.FirstName, valid.LastName, valid.EmployeeId, userId))
        {
            if (!await session.Users.IsUsernameTakenAsync(candidate, userId, ct))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("The username candidates never end.");
    }

    private static async Task SaveAsync(StorageSession session, StoredUser user, AuditedUser before, int expectedVersion, CancellationToken ct)
    {
        try
        {
            // The row is locked (or the store has one writer), so the version cannot have moved; the check is a guard.
            var rolesChanged = !before.GroupRoles.ToHashSet().SetEquals(user.GroupRoles);
            if (!await session.Users.UpdateAsync(user, expectedVersion, rolesChanged, ct))
            {
                throw new PreconditionFailedException("The user was changed by another request; read it again");
            }
            await session.CommitAsync(ct);
        }
        catch (UniqueViolationException e)
        {
            throw AsConflict(e, user);
        }
        catch (ForeignKeyViolationException)
        {
            throw GroupRemovedMeanwhile();
        }
    }

    private static async Task<T> RetryingGeneratedUsernameRaces<T>(Func<Task<T>> operation)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation();
            }
            catch (UniqueViolationException e) when (e.IsUsername && attempt < GeneratedUsernameAttempts)
            {
                // Another request took the name between our check and our write: the next attempt
                // sees it taken, and either generates the next candidate or answers 409.
            }
            catch (UniqueViolationException e)
            {
                throw new ConflictException(e.IsEmployeeId ? "employeeId is already taken" : "username is already taken");
            }
        }
    }

    private static Exception AsConflict(UniqueViolationException e, StoredUser user) =>
        e.IsUsername ? e // let the retry loop decide: it re-checks and reports the name
        : e.IsEmployeeId ? new ConflictException(EmployeeIdTaken(user.EmployeeId ?? ""))
        : e;

    /// <summary>A group the user was given a role in was deleted after this request read the tree (user writes do not take the tree lock).</summary>
    private static ConflictException GroupRemovedMeanwhile() =>
        new("a group in groupRoles was deleted by another request meanwhile; read the groups again");

    private static string UsernameTaken(string username) => $"username {username} is already taken";

    private static string EmployeeIdTaken(string employeeId) => $"employeeId {employeeId} is already taken in this company";

    private static string Describe(UserLookup lookup) => lookup switch
    {
        UserLookup.UserId => "userId",
        UserLookup.Username => "username",
        _ => "employeeId",
    };
}
