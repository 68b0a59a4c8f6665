using System.Collections.Concurrent;
using FleetUsers.Domain.Groups;

namespace FleetUsers.Storage;

/// <summary>
/// The last group tree read for each company, with the tree version it was read at. A tree
/// is served from here only when the company's stored version still matches, so every
/// instance sees a change to the tree at once; nothing is ever stale, only re-read.
/// </summary>
internal sealed class GroupTreeCache
{
    private readonly ConcurrentDictionary<Guid, (long Version, GroupTree Tree)> _trees = new();

    public GroupTree? Find(Guid companyId, long version) =>
        _trees.TryGetValue(companyId, out var entry) && entry.Version == version ? entry.Tree : null;

    public void Keep(Guid companyId, long version, GroupTree tree) =>
        _trees.AddOrUpdate(companyId, (version, tree), (_, old) => old.Version > version ? old : (version, tree));
}
