using System.Text.Json;

namespace FleetUsers.Bench;

/// <summary>What the seeding made, written to company.json for the load scripts and the baseline.</summary>
public sealed record BenchCompany(Guid CompanyId, Guid RootGroupId, Guid GroupId, Guid AdminId, string AdminUsername, string AdminPassword, int Users)
{
    public const string FileName = "company.json";

    public static BenchCompany? Read(string outDir)
    {
        var path = Path.Combine(outDir, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<BenchCompany>(File.ReadAllText(path)) : null;
    }

    public void Write(string outDir) =>
        File.WriteAllText(Path.Combine(outDir, FileName), JsonSerializer.Serialize(this));

    /// <summary>Seeded user i: the same username and employee id that the PUT bodies send back.</summary>
    public static string Username(int i) => $"j.smith.{i}";

    public static string EmployeeId(int i) => $"E{i:D7}";
}
