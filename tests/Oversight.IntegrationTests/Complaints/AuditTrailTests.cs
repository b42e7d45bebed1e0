using System.Diagnostics;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Oversight.Complaints.Infrastructure.Audit;
using Oversight.Testing;

namespace Oversight.IntegrationTests.Complaints;

/// <summary>The complaints service started by the test library (with the identity key it supplies), its database and audit trail.</summary>
public sealed class AuditTrailFixture(TestServers servers) : IAsyncLifetime
{
    public TestSystem System { get; private set; } = null!;

    public string Database { get; private set; } = "";

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public AuditTrail Trail { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        System = await TestSystem.StartAsync(servers, TestSystem.Complaints);
        Database = System.Setting(TestSystem.Complaints, "ConnectionStrings__complaintsdb");
        DataSource = NpgsqlDataSource.Create(Database);
        Trail = new AuditTrail(DataSource);
    }

    public async ValueTask DisposeAsync()
    {
        if (DataSource is not null) await DataSource.DisposeAsync();
        if (System is not null) await System.DisposeAsync();
    }
}

/// <summary>
/// The audit trail on the database the complaints service created: entries commit with the caller's transaction and
/// list in order; PostgreSQL itself refuses to change or remove them; and the service starts only with a valid key.
/// </summary>
public sealed class AuditTrailTests(AuditTrailFixture fixture) : IClassFixture<AuditTrailFixture>
{
    private static readonly AuditActor Reviewer = new("oc-00000000000000aa", "bawaslu-kota-mataram", "52.71", ["reviewer"],
        "10.1.2.3", "grpc-dotnet/2.70.0", "0af7651916cd43dd8448eb211c80319c");

    [Fact]
    public async Task The_service_starts_healthy_with_the_key_the_test_library_supplies()
    {
        Assert.Equal("k1", fixture.System.Setting(TestSystem.Complaints, "Complaints__CurrentIdentityKeyId"));
        Assert.Equal(32, Convert.FromBase64String(fixture.System.Setting(TestSystem.Complaints, "Complaints__IdentityKeys__k1")).Length);

        using var http = fixture.System.Http(TestSystem.Complaints);
        using var response = await http.GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", JsonDocument.Parse(body).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Entries_appended_in_transactions_are_listed_in_order_with_who_what_and_where()
    {
        var complaintId = Guid.NewGuid();
        var other = Guid.NewGuid();
        var anonymous = new AuditActor(null, null, null, [], "192.0.2.7", null, null);
        await using (var connection = await fixture.DataSource.OpenConnectionAsync())
        {
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                await fixture.Trail.AppendAsync(connection, transaction, new AuditEntry(complaintId, AuditActions.ComplaintSubmitted, anonymous), default);
                await fixture.Trail.AppendAsync(connection, transaction, new AuditEntry(other, AuditActions.ComplaintSubmitted, anonymous), default);
                await transaction.CommitAsync();
            }
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                await fixture.Trail.AppendAsync(connection, transaction, new AuditEntry(complaintId, AuditActions.IdentityRead, Reviewer,
                    new Dictionary<string, string> { ["fields"] = "name,phone" }), default);
                await fixture.Trail.AppendAsync(connection, transaction, new AuditEntry(complaintId, AuditActions.StatusChanged, Reviewer,
                    new Dictionary<string, string> { ["from"] = "registered", ["to"] = "under_review" }), default);
                await transaction.CommitAsync();
            }
        }

        var entries = await fixture.Trail.ListAsync(complaintId, default);

        Assert.Equal([AuditActions.ComplaintSubmitted, AuditActions.IdentityRead, AuditActions.StatusChanged], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(complaintId, e.ComplaintId));
        Assert.True(entries[0].Id < entries[1].Id && entries[1].Id < entries[2].Id);
        Assert.All(entries, e => Assert.InRange(e.At, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1)));
        Assert.Null(entries[0].Actor.ClientId);
        Assert.Equal("192.0.2.7", entries[0].Actor.RemoteAddress);
        Assert.Empty(entries[0].Details);

        var read = entries[1];
        Assert.Equal(Reviewer.ClientId, read.Actor.ClientId);
        Assert.Equal(Reviewer.OfficeId, read.Actor.OfficeId);
        Assert.Equal("52.71", read.Actor.Region);
        Assert.Equal(["reviewer"], read.Actor.Roles);
        Assert.Equal(Reviewer.RemoteAddress, read.Actor.RemoteAddress);
        Assert.Equal(Reviewer.UserAgent, read.Actor.UserAgent);
        Assert.Equal(Reviewer.TraceId, read.Actor.TraceId);
        Assert.Equal("name,phone", read.Details["fields"]);
        Assert.Equal("under_review", entries[2].Details["to"]);

        // Paging on from an id, and another complaint's trail is separate.
        Assert.Equal([AuditActions.StatusChanged], (await fixture.Trail.ListAsync(complaintId, default, afterId: read.Id)).Select(e => e.Action));
        Assert.Single(await fixture.Trail.ListAsync(other, default));
        Assert.Equal(2, (await fixture.Trail.ListAsync(complaintId, default, limit: 2)).Count);
    }

    [Fact]
    public async Task A_rolled_back_transaction_leaves_no_entry()
    {
        var complaintId = Guid.NewGuid();
        await using (var connection = await fixture.DataSource.OpenConnectionAsync())
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var id = await fixture.Trail.AppendAsync(connection, transaction, new AuditEntry(complaintId, AuditActions.ComplaintSubmitted, Reviewer), default);
            Assert.True(id > 0);
            await transaction.RollbackAsync();
        }

        Assert.Empty(await fixture.Trail.ListAsync(complaintId, default));
    }

    [Fact]
    public async Task The_database_refuses_update_delete_and_truncate_of_audit_entries()
    {
        var complaintId = Guid.NewGuid();
        await using var connection = await fixture.DataSource.OpenConnectionAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await fixture.Trail.AppendAsync(connection, transaction, new AuditEntry(complaintId, AuditActions.IdentityRead, Reviewer), default);
            await transaction.CommitAsync();
        }

        foreach (var (statement, operation) in new[]
        {
            ($"UPDATE audit_entries SET action = 'status.changed' WHERE complaint_id = '{complaintId}'", "UPDATE"),
            ($"UPDATE audit_entries SET actor_client_id = NULL", "UPDATE"),
            ($"DELETE FROM audit_entries WHERE complaint_id = '{complaintId}'", "DELETE"),
            ("DELETE FROM audit_entries", "DELETE"),
            ("TRUNCATE audit_entries", "TRUNCATE"),
        })
        {
            await using var command = new NpgsqlCommand(statement, connection);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
            Assert.Equal($"audit_entries is append-only: {operation} refused", error.MessageText);
        }

        var entry = Assert.Single(await fixture.Trail.ListAsync(complaintId, default));
        Assert.Equal(AuditActions.IdentityRead, entry.Action);
        Assert.Equal(Reviewer.ClientId, entry.Actor.ClientId);
    }

    [Fact]
    public async Task The_audit_schema_can_be_applied_again_and_checks_the_action_name()
    {
        await using var connection = await fixture.DataSource.OpenConnectionAsync();
        // The baseline migrations stay idempotent (databases created before the version table adopt them as they are): a second run keeps the guards.
        await using (var again = new NpgsqlCommand(Oversight.ServiceDefaults.EmbeddedText.Read(typeof(AuditTrail).Assembly, "Migrations/0002_audit.sql"), connection))
        {
            await again.ExecuteNonQueryAsync();
        }
        await using (var triggers = new NpgsqlCommand(
            "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'audit_entries'::regclass AND NOT tgisinternal AND tgenabled = 'O'", connection))
        {
            Assert.Equal(2L, await triggers.ExecuteScalarAsync());
        }

        await using var bad = new NpgsqlCommand($"INSERT INTO audit_entries (complaint_id, action) VALUES ('{Guid.NewGuid()}', 'Read Identity')", connection);
        Assert.Equal(PostgresErrorCodes.CheckViolation, (await Assert.ThrowsAsync<PostgresException>(() => bad.ExecuteNonQueryAsync())).SqlState);
        await using var transaction = await connection.BeginTransactionAsync();
        await Assert.ThrowsAsync<ArgumentException>(() =>
            fixture.Trail.AppendAsync(connection, transaction, new AuditEntry(Guid.NewGuid(), "Read Identity", Reviewer), default));
    }

    [Fact]
    public async Task The_actor_of_a_request_is_its_token_connection_user_agent_and_trace()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim("sub", "oc-1234567890abcdef"), new Claim("office_id", "bawaslu-kota-mataram"), new Claim("region", "52.71"),
            new Claim("role", "reviewer"), new Claim("role", "intake_officer"),
        ], authenticationType: "Bearer"));
        using var activity = new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start();

        var actor = AuditActor.From(user, IPAddress.Parse("::ffff:10.1.2.3"), "grpcurl/1.9.1 " + new string('x', 600), activity);

        Assert.Equal("oc-1234567890abcdef", actor.ClientId);
        Assert.Equal("bawaslu-kota-mataram", actor.OfficeId);
        Assert.Equal("52.71", actor.Region);
        Assert.Equal(["reviewer", "intake_officer"], actor.Roles);
        Assert.Equal("10.1.2.3", actor.RemoteAddress);
        Assert.Equal(AuditActor.MaxUserAgentLength, actor.UserAgent!.Length);
        Assert.Equal(activity.TraceId.ToHexString(), actor.TraceId);

        // Stored and read back as built.
        var complaintId = Guid.NewGuid();
        await using (var connection = await fixture.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await fixture.Trail.AppendAsync(connection, transaction, new AuditEntry(complaintId, AuditActions.IdentityRead, actor), default);
            await transaction.CommitAsync();
        }
        var stored = Assert.Single(await fixture.Trail.ListAsync(complaintId, default)).Actor;
        Assert.Equal(actor with { Roles = stored.Roles }, stored);
        Assert.Equal(actor.Roles, stored.Roles);

        // An unauthenticated caller has no client, office, region or roles.
        var anonymous = AuditActor.From(new ClaimsPrincipal(new ClaimsIdentity()), null, null, null);
        Assert.Equal(new AuditActor(null, null, null, anonymous.Roles, null, null, null), anonymous);
        Assert.Empty(anonymous.Roles);
    }

    [Fact]
    public async Task Without_a_valid_key_the_service_stops_at_once_naming_the_setting_but_not_the_key()
    {
        var tooShort = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        // The running instance's configuration (connection strings, endpoints), with a 16-byte key instead of 32.
        var project = fixture.System.Project(TestSystem.Complaints);
        var start = new ProcessStartInfo(project.ExecutablePath) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in project.Environment) start.Environment[key] = value;
        start.Environment["Complaints__IdentityKeys__k1"] = tooShort;
        start.Environment["Kestrel__Endpoints__http__Url"] = "http://127.0.0.1:0";
        start.Environment["Kestrel__Endpoints__grpc__Url"] = "http://127.0.0.1:0";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The complaints service kept running with a 16-byte identity key.");
        }

        var printed = await output + await error;
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("IdentityKeyConfigurationException", printed);
        Assert.Contains("Complaints:IdentityKeys:k1 decodes to 16 bytes", printed);
        Assert.DoesNotContain(tooShort, printed);
    }
}
