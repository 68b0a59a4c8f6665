using System.Text;
using CsCheck;
using Members = System.Collections.Generic.List<(string Key, string Value)>;

namespace FleetUsers.Api.Tests.Hostile;

/// <summary>
/// Request bodies: a valid body with one to four hostile edits (a key dropped, a value of the
/// wrong type, an unknown or read-only key, a key twice or in another case), or any JSON
/// value, or text that is not JSON at all.
/// </summary>
public static class HostileBodies
{
    private static readonly string[] ReadOnlyKeys = ["userId", "createdDate", "updatedDate", "allowSafetyEventDownload", "lastLoginDate"];

    private static readonly Gen<string> UnknownKey = Gen.Frequency(
        (3, Gen.OneOf(ReadOnlyKeys.Select(Gen.Const).ToArray())),
        (1, Gen.OneOf(Gen.Const("id"), Gen.Const("version"), Gen.Const("passwordHash"), Gen.Const("__proto__"), Gen.Const("$type"))),
        (3, HostileText.Text));

    /// <summary>One edit of an object's members; the index is taken modulo the member count.</summary>
    private static Gen<Func<Members, Members>> Edit(Gen<string> fieldValue) => Gen.Frequency(
        (3, Gen.Int.Select<int, Func<Members, Members>>(i => m => Remove(m, i))),
        (6, Gen.Select(Gen.Int, fieldValue).Select<(int, string), Func<Members, Members>>(
            x => m => Replace(m, x.Item1, x.Item2))),
        (2, Gen.Select(UnknownKey, HostileJson.Value).Select<(string, string), Func<Members, Members>>(
            x => m => [.. m, (x.Item1, x.Item2)])),
        (1, Gen.Select(Gen.Int, HostileJson.Value).Select<(int, string), Func<Members, Members>>(
            x => m => m.Count == 0 ? m : [.. m, (m[Index(m, x.Item1)].Key, x.Item2)])),
        (1, Gen.Select(Gen.Int, Gen.Bool).Select<(int, bool), Func<Members, Members>>(
            x => m => m.Count == 0 ? m : Rekey(m, x.Item1, k => x.Item2 ? k.ToUpperInvariant() : k + " "))));

    /// <summary>The members, edited one to four times, as a JSON object.</summary>
    public static Gen<string> Edited(IReadOnlyList<(string Key, string Value)> valid, Gen<string> fieldValue) =>
        Gen.Frequency((6, Edit(fieldValue).Array[1, 2]), (2, Edit(fieldValue).Array[3, 4]))
            .Select(edits => HostileJson.Object(edits.Aggregate(valid.ToList(), (members, edit) => edit(members))));

    /// <summary>A body as bytes: mostly <paramref name="likely"/>, else any JSON value, else malformed.</summary>
    public static Gen<byte[]> Body(Gen<string> likely, string validText) => Gen.Frequency(
        (14, likely.Select(Encoding.UTF8.GetBytes)),
        (2, HostileJson.Value.Select(Encoding.UTF8.GetBytes)),
        (1, HostileJson.Malformed(validText)));

    /// <summary>A groupRoles array: good entries, entries of the wrong shape, ids of nothing or of another company, rarely thousands.</summary>
    public static Gen<string> GroupRoles(TargetIds ids) => Gen.Frequency(
        (8, GroupRole(ids).Array[0, 5].Select(HostileJson.Array)),
        (1, GroupRole(ids).Array[500, 3000].Select(HostileJson.Array)));

    public static Gen<string> GroupRole(TargetIds ids)
    {
        var valid = Gen.Select(Gen.OneOf(ids.Groups.Select(Gen.Const).ToArray()), Gen.Int[1, 6],
            (g, r) => new Members { ("groupId", HostileJson.String(g.ToString())), ("roleId", r.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
        var groupId = Gen.Frequency(
            (3, Gen.OneOf(ids.Groups.Select(g => HostileJson.String(g.ToString())).Select(Gen.Const).ToArray())),
            (1, Gen.Const(HostileJson.String(ids.OtherCompanyGroupId.ToString()))),
            (1, Gen.Guid.Select(g => HostileJson.String(g.ToString()))),
            (2, HostileJson.Value));
        var roleId = Gen.Frequency((3, Gen.Int[0, 7].Select(r => r.ToString(System.Globalization.CultureInfo.InvariantCulture))), (2, HostileJson.Value));
        return Gen.Frequency(
            (4, valid.Select(HostileJson.Object)),
            (3, Gen.Select(groupId, roleId, (g, r) => HostileJson.Object([("groupId", g), ("roleId", r)]))),
            (2, Gen.Select(valid, Gen.Select(Gen.OneOf(Gen.Const("groupName"), Gen.Const("level"), HostileText.Text), HostileJson.Value))
                .Select(x => HostileJson.Object([.. x.Item1, x.Item2]))),
            (1, valid.Select(m => HostileJson.Object(m.Take(1)))),
            (1, HostileJson.Value));
    }

    private static int Index(Members members, int i) => (int)((uint)i % (uint)members.Count);

    private static Members Remove(Members members, int i)
    {
        if (members.Count > 0)
        {
            members.RemoveAt(Index(members, i));
        }
        return members;
    }

    private static Members Replace(Members members, int i, string value)
    {
        if (members.Count > 0)
        {
            var index = Index(members, i);
            members[index] = (members[index].Key, value);
        }
        return members;
    }

    private static Members Rekey(Members members, int i, Func<string, string> rename)
    {
        var index = Index(members, i);
        members[index] = (rename(members[index].Key), members[index].Value);
        return members;
    }
}
