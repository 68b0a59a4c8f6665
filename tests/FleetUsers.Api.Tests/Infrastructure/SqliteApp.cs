namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>The embedded store: a fresh SQLite file in a temporary directory.</summary>
public sealed class SqliteApp : FleetUsersApp
{
    public override string StoreName => "sqlite";

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "fleetusers-tests-" + Unique.Suffix());

    protected override Task<IReadOnlyDictionary<string, string?>> PrepareStoreAsync() =>
        Task.FromResult(Settings(Directory));

    public override Task<IsolatedStore> NewIsolatedStoreAsync()
    {
        var directory = new TemporaryDirectory();
        return Task.FromResult(new IsolatedStore(Settings(directory.Path), () =>
        {
            directory.Dispose();
            return ValueTask.CompletedTask;
        }));
    }

    /// <summary>Settings for a SQLite database in its own directory.</summary>
    public static IReadOnlyDictionary<string, string?> Settings(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        return new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["ConnectionStrings:Users"] = $"Data Source={Path.Combine(directory, "fleetusers.db")}",
        };
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere: the temporary directory is cleaned by the OS.
        }
    }
}
