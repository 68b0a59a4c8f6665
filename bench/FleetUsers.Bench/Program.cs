using FleetUsers.Bench;
using FleetUsers.Storage;

// bench tool, driven by bench/run.sh:
//   seed <users> <out-dir>            fresh company, group tree, users (adds up to <users> on later calls)
//   baseline <seconds> <concurrency> <out-dir>   the database work of one PUT, as fast as it goes
// The store comes from Storage__Provider and ConnectionStrings__Users, as for the service.
var options = new StorageOptions
{
    Provider = Enum.Parse<StorageProvider>(Environment.GetEnvironmentVariable("Storage__Provider") ?? "Sqlite", ignoreCase: true),
    ConnectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Users"),
};
var database = StorageRegistration.Open(options);
switch (args)
{
    case ["seed", var users, var outDir]:
        await Seeder.SeedAsync(database, int.Parse(users, System.Globalization.CultureInfo.InvariantCulture), outDir);
        break;
    case ["baseline", var seconds, var concurrency, var outDir]:
        await Baseline.RunAsync(database, TimeSpan.FromSeconds(int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)),
            int.Parse(concurrency, System.Globalization.CultureInfo.InvariantCulture), outDir);
        break;
    default:
        Console.Error.WriteLine("usage: seed <users> <out-dir> | baseline <seconds> <concurrency> <out-dir>");
        return 2;
}
return 0;
