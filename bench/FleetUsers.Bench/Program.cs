using FleetUsers.Bench;
using FleetUsers.Storage;

// bench tool, driven by bench/run.sh:
//   seed <users> <out-dir>            fresh company, group tree, users (adds up to <users> on later calls)
//   baseline <seconds> <concurrency> <out-dir>   the database work of one PUT, as fast as it goes
//   sqlite-floors <seconds> <warm-up seconds> <concurrency> <out-dir>   what SQLite itself does (no service code)
//   audit <entries> <out-dir>          grows the audit trail to <entries> (after seed)
//   hash-floor <seconds> <warm-up seconds> <out-dir>   Argon2id hashes per second, one thread per core (no service code)
//   fixed-rate <server> <path-format> <users> <rate> <connections> <seconds> <warm-up seconds> <name> <result-file>
//                                      an open-loop GET load at a fixed rate (BENCH_TOKEN), latency from when each request was due
// The store comes from Storage__Provider and ConnectionStrings__Users, as for the service.
static int Whole(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
if (args is ["sqlite-floors", var floorSeconds, var floorWarmup, var readers, var floorDir])
{
    SqliteFloors.Run(Environment.GetEnvironmentVariable("ConnectionStrings__Users") ?? StorageOptions.DefaultSqliteConnectionString,
        TimeSpan.FromSeconds(Whole(floorSeconds)), TimeSpan.FromSeconds(Whole(floorWarmup)), Whole(readers), floorDir);
    return 0;
}
if (args is ["hash-floor", var hashSeconds, var hashWarmup, var hashDir])
{
    HashFloor.Run(TimeSpan.FromSeconds(Whole(hashSeconds)), TimeSpan.FromSeconds(Whole(hashWarmup)), hashDir);
    return 0;
}
if (args is ["fixed-rate", var server, var pathFormat, var rateUsers, var rate, var connections, var rateSeconds, var rateWarmup, var name, var resultFile])
{
    await FixedRate.RunAsync(new Uri(server), pathFormat, Whole(rateUsers), double.Parse(rate, System.Globalization.CultureInfo.InvariantCulture),
        Whole(connections), TimeSpan.FromSeconds(Whole(rateSeconds)), TimeSpan.FromSeconds(Whole(rateWarmup)), name, resultFile);
    return 0;
}
var options = new StorageOptions
{
    Provider = Enum.Parse<StorageProvider>(Environment.GetEnvironmentVariable("Storage__Provider") ?? "Sqlite", ignoreCase: true),
    ConnectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Users"),
};
var database = StorageRegistration.Open(options);
switch (args)
{
    case ["seed", var users, var outDir]:
        await Seeder.SeedAsync(database, Whole(users), outDir);
        break;
    case ["audit", var entries, var outDir]:
        await AuditSeeder.SeedAsync(database, Whole(entries), outDir);
        break;
    case ["baseline", var seconds, var concurrency, var outDir]:
        await Baseline.RunAsync(database, TimeSpan.FromSeconds(Whole(seconds)), Whole(concurrency), outDir);
        break;
    default:
        Console.Error.WriteLine("usage: hash-floor <seconds> <warm-up seconds> <out-dir> | fixed-rate ... (see above) | seed <users> <out-dir> | audit <entries> <out-dir> | baseline <seconds> <concurrency> <out-dir> | sqlite-floors <seconds> <warm-up seconds> <concurrency> <out-dir>");
        return 2;
}
return 0;
