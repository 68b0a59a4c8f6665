using System.Security.Cryptography;
using FleetUsers.Storage;

namespace FleetUsers.Api.Tests.Storage;

/// <summary>
/// A migration that has run somewhere is never edited: the journal knows scripts by name only, so a
/// database that ran the old text would never get the new one (0030 was once edited that way; its
/// index had to move to 0031). A new migration adds its line here; an edited one fails.
/// </summary>
public sealed class MigrationScriptTests
{
    private static readonly Dictionary<string, string> Published = new()
    {
        ["FleetUsers.Storage.Migrations.Sqlite.0001_initial.sql"] = "d0bdeb8a5f4c7567ceece60785dff61084e3ce869296b7e8e7115ea3a5dfa1a0",
        ["FleetUsers.Storage.Migrations.Sqlite.0002_audit_log.sql"] = "1f2710dd74b7ad878d4931ad6105351e4ec57b1699d0ad48bc155c20b69196d9",
        ["FleetUsers.Storage.Migrations.Sqlite.0003_login_failures.sql"] = "f902a5289247dfc44456159b812a4d81ccea3282b63ba9bdd791d9b32883fa52",
        ["FleetUsers.Storage.Migrations.Sqlite.0004_group_sibling_names.sql"] = "b4a070c38ed5dd6c330714de38e7c14ffbec8bf584389e003f055c9c11e6de2b",
        ["FleetUsers.Storage.Migrations.Sqlite.0005_api_clients.sql"] = "20187d5e481dd5d656351ca6aeb8d448a94f4a3280eafc9432b80ac3dd46e880",
        ["FleetUsers.Storage.Migrations.Sqlite.0010_search_index.sql"] = "ed455354cb6869c4af46f09f094348f58b175d3d0b8815f61b472943e951dfcf",
        ["FleetUsers.Storage.Migrations.Sqlite.0011_tree_version.sql"] = "66ed63546a98b659ba0220acf872e57ea44463f1d604efc6fa33fcbc5ea63ca5",
        ["FleetUsers.Storage.Migrations.Sqlite.0012_login_attempts.sql"] = "25beb7b5892d995a0b1ca8928eaabef2ae9e53f5c0b2c5ae593159b1dd78fe3a",
        ["FleetUsers.Storage.Migrations.Sqlite.0013_group_audit_log.sql"] = "6f4baf3f63ae8a85bfbafc6ace3c337bc68f4a9564179c20e6c9f7d73ec2d878",
        ["FleetUsers.Storage.Migrations.Sqlite.0020_login_known_addresses.sql"] = "bf8e76cccc7cb264b7641c6665c998d8dc2deb3e6a2be4d8a2a467c0d68c4a3f",
        ["FleetUsers.Storage.Migrations.Sqlite.0021_security_stamp.sql"] = "c07c5d66a7d8787611db83a4c86e6496a0c29387165ff2b30a53f7f22101b677",
        ["FleetUsers.Storage.Migrations.Sqlite.0030_user_imports.sql"] = "16f0445194f9205a4314f2d9c3676e2962488dac216a83227ea79ac81adde403",
        ["FleetUsers.Storage.Migrations.Sqlite.0031_user_imports_pending.sql"] = "a21515f87c494a0c2decb375ddf3ca57b20db2281372394089b23491189d1f53",
        ["FleetUsers.Storage.Migrations.Sqlite.0040_data_protection_keys.sql"] = "f250641a0c3b9d7f6b9959ea9b084aef0e673f663963b8bc7e22e56e3aec24e0",
        ["FleetUsers.Storage.Migrations.Sqlite.0060_events.sql"] = "0c70041b176bad2fbf2e420df6987686fae10b8f6d11dde6a63cebdda2925bbe",
        ["FleetUsers.Storage.Migrations.Sqlite.0070_scim.sql"] = "187327eeeb958ec4e889d6b1d552d332d462374f007e45bc2e18b4c8fa882d50",
        ["FleetUsers.Storage.Migrations.Sqlite.0080_webhooks.sql"] = "6e90918f2ae29e494ee6bfba473b37109bdfae724a1c0d973e96c82497097274",
        ["FleetUsers.Storage.Migrations.Sqlite.0090_scim_groups.sql"] = "aff4c1cc05b8e2cc91545a1afaf2ba4b0ac0b1ce67ccfa1dc539748447115fde",
        ["FleetUsers.Storage.Migrations.Sqlite.0100_import_events.sql"] = "c5d3c1e0ad2b07e72cf94518026b870cee3b7b6701a22c7c73a265e3b7f0d5b2",
        ["FleetUsers.Storage.Migrations.Sqlite.0121_audit_retention.sql"] = "95424671a3cb3c7c8cf8aa9cd86bdd83e9e09cd5cda84f02b93f5a974ada89d5",
        ["FleetUsers.Storage.Migrations.Sqlite.0160_company_user_counts.sql"] = "1c971fb8de043799aa2bfdbad58a3056f8e4354c0479c77a3c4eb2b88b29b141",
        ["FleetUsers.Storage.Migrations.Postgres.0001_initial.sql"] = "f4a3a2afb39440f2a68fab0099d1ee4d3e9babbf613908dd4520d0f92d274ce5",
        ["FleetUsers.Storage.Migrations.Postgres.0002_audit_log.sql"] = "fd77dd84a426926eeb7636c5f4815f216369ed1465dfcb237cb64b6a91b62b9b",
        ["FleetUsers.Storage.Migrations.Postgres.0003_login_failures.sql"] = "e22c1cd343e93a4e671c63536ef2bb24d827b953b2d9e454525bc8c70d3af96e",
        ["FleetUsers.Storage.Migrations.Postgres.0004_group_sibling_names.sql"] = "561bce99c0969b45e15e6854ee97c7f108a3f8e3596b10568fbfe211ba8af5f7",
        ["FleetUsers.Storage.Migrations.Postgres.0005_api_clients.sql"] = "f5a19b0d23a93ffe83d428c1ffad3a5580a24a2810156f708c4300bd08a93836",
        ["FleetUsers.Storage.Migrations.Postgres.0011_tree_version.sql"] = "c4f77581ac93fe00c8656471c1aa4c698fcb46c4b8aafee78d5bcb1c238247bf",
        ["FleetUsers.Storage.Migrations.Postgres.0012_login_attempts.sql"] = "655e244ebc1ea9dfd1399eb0adff6806f3f7a12d58c87d2a53faa9c81d99d37b",
        ["FleetUsers.Storage.Migrations.Postgres.0013_group_audit_log.sql"] = "fcb509bde3a35f321ccc051535c1715353707e847a9815fa5f9bd1dd9813371e",
        ["FleetUsers.Storage.Migrations.Postgres.0020_login_known_addresses.sql"] = "e30abb3121b7efc90bdedfe9887d7b378cca9717d4a2bdf0d410832c93f8c141",
        ["FleetUsers.Storage.Migrations.Postgres.0021_security_stamp.sql"] = "d63d5f97a502d3ef054bc8ac1fa402305a16f31286df5e14179bd1b9771a9449",
        ["FleetUsers.Storage.Migrations.Postgres.0030_user_imports.sql"] = "e4a592950157b871ebd653f246635acc2e9d4f07c0b623b441e62e63a78d14a5",
        ["FleetUsers.Storage.Migrations.Postgres.0031_user_imports_pending.sql"] = "a21515f87c494a0c2decb375ddf3ca57b20db2281372394089b23491189d1f53",
        ["FleetUsers.Storage.Migrations.Postgres.0040_data_protection_keys.sql"] = "670c2070d8aee8f665deb2b78cc472c7a732527f447b4b3b4cb25aa71bb16774",
        ["FleetUsers.Storage.Migrations.Postgres.0060_events.sql"] = "3e8bcc2feb1288464ec42bd81248d498c72b395c33b643db67402b3117bf7c37",
        ["FleetUsers.Storage.Migrations.Postgres.0070_scim.sql"] = "25512215118bd251db4a8c8dcc54f5b4cafcf60db30660bf95883e07f0ff66fb",
        ["FleetUsers.Storage.Migrations.Postgres.0080_webhooks.sql"] = "2194a733e0f955d7fc1ce807f1a14e4671c059cc7c7b949155010a9c58392c8c",
        ["FleetUsers.Storage.Migrations.Postgres.0090_scim_groups.sql"] = "83b53b3065c2ca340b355a1faf6d4751f3b20b3d9b56007bf9e865f61a927d4c",
        ["FleetUsers.Storage.Migrations.Postgres.0100_import_events.sql"] = "f0c26aa5f3e68354c1bb68557c150f14313b713ffb830003c0ba7090a0fcfe1e",
        ["FleetUsers.Storage.Migrations.Postgres.0120_users_email_statistics.sql"] = "261766dac9ebfeb59e1f83cbab03a89391c2d1f1b15705f6cbc875706fce6fc0",
        ["FleetUsers.Storage.Migrations.Postgres.0121_audit_retention.sql"] = "eaaa6a9f2ad787492b4b5df3f2a3c992c34584c9a1f90e0a08ebaa35fc0d0f0b",
        ["FleetUsers.Storage.Migrations.Postgres.0130_expect_rows.sql"] = "ca766b61b96ee360b8d462be2f97ca75571b9b65813531220bc684a0a61ef234",
        ["FleetUsers.Storage.Migrations.Postgres.0140_audit_log_partitions.sql"] = "31c2c6eca54a5d00b9dd2f3b8582e567119b17bceb30b482a4bdb605e65c565c",
        ["FleetUsers.Storage.Migrations.Postgres.0150_search_pending_list.sql"] = "978e9aa5ab58a3b2539c113212603ddd8c0983d3ca8365ea9fda971599adc97f",
        ["FleetUsers.Storage.Migrations.Postgres.0160_company_user_counts.sql"] = "17488482a04c40b56d34c7dba01e2ee079a1a1e0d3d6610118261d1e930db94e",
    };

    [Fact]
    public void EveryMigrationScript_IsPublishedUnchanged()
    {
        var assembly = typeof(StorageRegistration).Assembly;
        var scripts = assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

        var changed = new List<string>();
        foreach (var name in scripts)
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
            if (!Published.TryGetValue(name, out var published))
            {
                changed.Add($"{name} is new: add [\"{name}\"] = \"{hash}\"");
            }
            else if (published != hash)
            {
                changed.Add($"{name} was edited after it was published: put it back, and make the change a new migration");
            }
        }
        changed.AddRange(Published.Keys.Except(scripts).Select(name => $"{name} was removed"));

        Assert.True(changed.Count == 0, string.Join("\n", changed));
    }
}
