using DbUp.Builder;
using DbUp.Engine;
using DbUp.Engine.Output;
using FleetUsers.Application;

namespace FleetUsers.Storage.Engine;

/// <summary>An engine's migrations: the SQL files of its Migrations folder, applied in name order and journaled in schema_versions.</summary>
public abstract class Migrator
{
    /// <summary>Applies every migration not yet applied; safe to call on every start-up.</summary>
    public abstract void Migrate();

    /// <summary>
    /// The engine's scripts not yet in the journal, in name order, each to run in a transaction of its own,
    /// or (<paramref name="transactionPerScript"/> false) in the caller's. Scripts keep the resource names
    /// they were journaled under (FleetUsers.Storage.Migrations.&lt;folder&gt;.&lt;file&gt;; see the project file).
    /// </summary>
    protected static UpgradeEngine Scripts(UpgradeEngineBuilder builder, string folder, bool transactionPerScript = true)
    {
        builder = transactionPerScript ? builder.WithTransactionPerScript() : builder.WithoutTransaction();
        return builder
            .WithScriptsEmbeddedInAssembly(typeof(Migrator).Assembly, name => name.Contains($".Migrations.{folder}.", StringComparison.Ordinal))
            .LogTo(new NoOpUpgradeLog())
            .Build();
    }

    /// <summary>Runs the scripts the journal lacks; a failed one stops the start, naming it.</summary>
    protected static void Apply(UpgradeEngine scripts)
    {
        var result = scripts.PerformUpgrade();
        if (!result.Successful)
        {
            throw new StartupException($"migration {result.ErrorScript?.Name} failed: {result.Error.Message}", result.Error);
        }
    }
}
