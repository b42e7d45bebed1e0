using Oversight.ServiceDefaults.Data;

namespace Oversight.UnitTests;

/// <summary>The numbered migrations each service ships: found, in order, without gaps.</summary>
public sealed class MigrationSetTests
{
    [Theory]
    [InlineData(typeof(Oversight.Complaints.Infrastructure.Audit.AuditTrail), "complaints", "0001_complaints, 0002_audit, 0003_deadlines, 0004_lifecycle, 0005_queries")]
    [InlineData(typeof(Oversight.RegionDirectory.Infrastructure.RegionRepository), "regiondirectory", "0001_regions, 0002_credentials, 0003_offices, 0004_site_copies, 0005_snapshot_origin")]
    [InlineData(typeof(Oversight.Notifications.Infrastructure.Routing.DirectoryTokenSource), "notifications", "0001_notifications")]
    [InlineData(typeof(Oversight.Messaging.Outbox.TransactionalOutbox), "outbox", "0001_outbox")]
    public void Each_component_ships_its_migrations_numbered_from_one(Type inAssembly, string component, string expected)
    {
        var migrations = MigrationSet.FromAssembly(component, inAssembly.Assembly);
        Assert.Equal(expected, string.Join(", ", migrations.Select(m => $"{m.Version:0000}_{m.Name}")));
        Assert.All(migrations, m => Assert.False(string.IsNullOrWhiteSpace(m.Sql)));
    }

    [Fact]
    public void A_services_migrations_are_recorded_under_its_short_name()
    {
        Assert.Equal("complaints", Microsoft.Extensions.Hosting.DatabaseMigrations.ComponentOf(typeof(Oversight.Complaints.Infrastructure.Audit.AuditTrail).Assembly));
    }

    [Theory]
    [InlineData(new[] { 1, 3 }, "1, 3")]
    [InlineData(new[] { 1, 1, 2 }, "1, 1, 2")]
    [InlineData(new[] { 2 }, "2")]
    public void A_gap_or_a_repeat_in_the_numbers_is_refused(int[] versions, string found)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            MigrationSet.Validate("demo", [.. versions.Select(v => new Migration("demo", v, "x", "SELECT 1"))]));
        Assert.Equal($"Migrations of demo must be numbered 1, 2, 3... without gaps or repeats; found {found}.", error.Message);
    }

    [Fact]
    public void The_checksum_ignores_line_endings_and_sees_any_other_change()
    {
        var unix = new Migration("demo", 1, "x", "CREATE TABLE a (id int);\nSELECT 1;");
        Assert.Equal(unix.Checksum, (unix with { Sql = "CREATE TABLE a (id int);\r\nSELECT 1;" }).Checksum);
        Assert.NotEqual(unix.Checksum, (unix with { Sql = "CREATE TABLE a (id bigint);\nSELECT 1;" }).Checksum);
    }
}
