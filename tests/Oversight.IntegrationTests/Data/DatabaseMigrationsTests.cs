using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Oversight.ServiceDefaults.Data;
using Oversight.Testing;

namespace Oversight.IntegrationTests.Data;

/// <summary>
/// Numbered migrations against real PostgreSQL: each applied once and recorded, a rename and a data fix expressible,
/// a changed or unknown migration refused, replicas starting together, and the services' own migrations adopted by a
/// database created before the version table existed.
/// </summary>
public sealed class DatabaseMigrationsTests(TestServers servers)
{
    private static readonly Migration[] Steps =
    [
        new("demo", 1, "offices", "CREATE TABLE offices (id integer PRIMARY KEY, nama text NOT NULL)"),
        new("demo", 2, "rename", "ALTER TABLE offices RENAME COLUMN nama TO name"),
        new("demo", 3, "data_fix", "UPDATE offices SET name = replace(name, 'Kab ', 'Kabupaten ')"),
    ];

    [Fact]
    public async Task Each_migration_is_applied_once_in_order_and_recorded_so_a_rename_and_a_data_fix_can_be_written()
    {
        await using var dataSource = NpgsqlDataSource.Create(await servers.CreateDatabaseAsync("migrate"));
        Assert.Equal(["demo 0001_offices"], await ApplyAsync(dataSource, Steps[..1]));
        await ExecuteAsync(dataSource, "INSERT INTO offices VALUES (1, 'Bawaslu Kab Berau')");

        // The next build brings two more: only those run (a second RENAME would fail: it is not idempotent).
        Assert.Equal(["demo 0002_rename", "demo 0003_data_fix"], await ApplyAsync(dataSource, Steps));
        Assert.Empty(await ApplyAsync(dataSource, Steps));

        Assert.Equal("Bawaslu Kabupaten Berau", await ScalarAsync<string>(dataSource, "SELECT name FROM offices WHERE id = 1"));
        Assert.Equal("1 offices, 2 rename, 3 data_fix", await ScalarAsync<string>(dataSource,
            $"SELECT string_agg(version || ' ' || name, ', ' ORDER BY version) FROM {MigrationRunner.VersionTable} WHERE component = 'demo'"));
    }

    [Fact]
    public async Task A_migration_changed_after_it_was_applied_is_refused_and_nothing_else_runs()
    {
        await using var dataSource = NpgsqlDataSource.Create(await servers.CreateDatabaseAsync("migrate"));
        await ApplyAsync(dataSource, Steps[..2]);
        Migration[] edited = [Steps[0], Steps[1] with { Sql = "ALTER TABLE offices RENAME COLUMN nama TO office_name" }, Steps[2]];

        var refused = await Assert.ThrowsAsync<MigrationRefusedException>(() => ApplyAsync(dataSource, edited));

        Assert.Equal("migration demo 0002_rename was changed after it was applied to this database. Leave applied migrations "
            + "as they shipped and put the change in a new migration.", refused.Message);
        Assert.Equal(2L, await ScalarAsync<long>(dataSource, $"SELECT count(*) FROM {MigrationRunner.VersionTable}"));
    }

    [Fact]
    public async Task A_database_migrated_by_a_newer_build_is_refused_by_an_older_one()
    {
        await using var dataSource = NpgsqlDataSource.Create(await servers.CreateDatabaseAsync("migrate"));
        await ApplyAsync(dataSource, Steps);

        var refused = await Assert.ThrowsAsync<MigrationRefusedException>(() => ApplyAsync(dataSource, Steps[..2]));

        Assert.StartsWith("the database's demo schema has migration 0003_data_fix, which this build does not know", refused.Message);
    }

    [Fact]
    public async Task Replicas_starting_together_apply_each_of_the_services_migrations_once()
    {
        await using var dataSource = NpgsqlDataSource.Create(await servers.CreateDatabaseAsync("migrate"));
        // As the service registers them: the outbox's table comes with AddTransactionalOutbox.
        var services = ServicesWith(dataSource, new SharedMigrations(
            MigrationSet.FromAssembly("outbox", typeof(Oversight.Messaging.Outbox.TransactionalOutbox).Assembly)));
        var assembly = ComplaintsAssembly;

        var started = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => services.MigrateDatabaseAsync(assembly))));

        Assert.All(started, Assert.True);
        var expected = MigrationSet.FromAssembly("complaints", assembly).Count;
        Assert.Equal(expected, await ScalarAsync<long>(dataSource, $"SELECT count(*) FROM {MigrationRunner.VersionTable} WHERE component = 'complaints'"));
        Assert.Equal(1L, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM pg_tables WHERE tablename = 'complaints'"));
        Assert.Equal("outbox 1", await ScalarAsync<string>(dataSource,
            $"SELECT string_agg(component || ' ' || version, ', ') FROM {MigrationRunner.VersionTable} WHERE component = 'outbox'"));
        Assert.Equal(1L, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM pg_tables WHERE tablename = 'outbox_messages'"));
    }

    [Fact]
    public async Task A_database_from_before_the_version_table_adopts_the_services_baseline_migrations_as_they_are()
    {
        // Before numbered migrations every start re-ran the schema files: their statements are today's baseline
        // migrations, so a database of that time holds exactly what they create, with no schema_migrations table.
        var assembly = ComplaintsAssembly;
        await using var dataSource = NpgsqlDataSource.Create(await servers.CreateDatabaseAsync("migrate"));
        foreach (var migration in MigrationSet.FromAssembly("complaints", assembly))
        {
            await ExecuteAsync(dataSource, migration.Sql);
        }

        Assert.True(await ServicesWith(dataSource).MigrateDatabaseAsync(assembly));

        Assert.Equal(MigrationSet.FromAssembly("complaints", assembly).Count, await ScalarAsync<long>(dataSource,
            $"SELECT count(*) FROM {MigrationRunner.VersionTable} WHERE component = 'complaints'"));
    }

    private static System.Reflection.Assembly ComplaintsAssembly => typeof(Oversight.Complaints.Infrastructure.Audit.AuditTrail).Assembly;

    private static IServiceProvider ServicesWith(NpgsqlDataSource dataSource, params SharedMigrations[] shared)
    {
        var services = new ServiceCollection()
            .AddSingleton(dataSource)
            .AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        foreach (var migrations in shared) services.AddSingleton(migrations);
        return services.BuildServiceProvider();
    }

    private static async Task<IReadOnlyList<string>> ApplyAsync(NpgsqlDataSource dataSource, IReadOnlyList<Migration> migrations)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var applied = await MigrationRunner.ApplyAsync(connection, transaction, migrations, CancellationToken.None);
        await transaction.CommitAsync();
        return [.. applied.Select(m => m.ToString())];
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
