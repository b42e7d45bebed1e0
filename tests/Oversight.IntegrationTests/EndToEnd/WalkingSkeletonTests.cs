using Grpc.Core;
using Oversight.Contracts.Complaints;
using Oversight.Contracts.Notifications;
using Oversight.Contracts.RegionDirectory;
using Oversight.Contracts.Reporting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Oversight.Testing;
using static Oversight.Contracts.Complaints.Complaints;

namespace Oversight.IntegrationTests.EndToEnd;

/// <summary>
/// The walking skeleton over real servers: a complaint goes in over gRPC, is checked against the
/// directory, stored, published through the outbox on RabbitMQ, counted by reporting and recorded
/// by notifications.
/// </summary>
[Collection(SkeletonCollection.Name)]
public sealed class WalkingSkeletonTests(SkeletonSystemFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly TestSystem _system = fixture.System;

    private ComplaintsClient ComplaintsClient => new(_system.Channel(TestSystem.Complaints));

    [Fact]
    public async Task Region_directory_answers_a_lookup_by_kemendagri_code()
    {
        var directory = new Oversight.Contracts.RegionDirectory.RegionDirectory.RegionDirectoryClient(_system.Channel(TestSystem.RegionDirectory));
        var mataram = await directory.GetRegionAsync(new GetRegionRequest { Code = "52.71" });
        Assert.Equal("Kota Mataram", mataram.Name);
        Assert.Equal(RegionLevel.RegencyCity, mataram.Level);
        Assert.Equal("52", mataram.ParentCode);
        Assert.Equal("Bawaslu Kota Mataram", mataram.HandlingOffice);

        var province = await directory.GetRegionAsync(new GetRegionRequest { Code = "64" });
        Assert.Equal("Kalimantan Timur", province.Name);
        Assert.Equal(RegionLevel.Province, province.Level);

        var missing = await Assert.ThrowsAsync<RpcException>(async () => await directory.GetRegionAsync(new GetRegionRequest { Code = "99.99" }));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        var malformed = await Assert.ThrowsAsync<RpcException>(async () => await directory.GetRegionAsync(new GetRegionRequest { Code = "5271" }));
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
        Assert.Contains("code", malformed.Status.Detail);
    }

    [Fact]
    public async Task A_submitted_complaint_is_stored_counted_by_reporting_and_recorded_by_notifications()
    {
        var reporting = new Reporting.ReportingClient(_system.Channel(TestSystem.Reporting));
        var notifications = new Oversight.Contracts.Notifications.Notifications.NotificationsClient(_system.Channel(TestSystem.Notifications));
        var desk = await _system.IntakeOfficerHeadersAsync("74");
        var before = (await reporting.GetRegionCountsAsync(new GetRegionCountsRequest { RegionCode = "74.71" }, desk)).Submitted;

        var reply = await ComplaintsClient.SubmitComplaintAsync(ComplaintSubmission.Laporan("74.71"), desk);
        Assert.Equal("Bawaslu Kota Kendari", reply.HandlingOffice.Name);
        Assert.Equal("registered", reply.Status);

        var stored = await ComplaintsClient.GetComplaintAsync(new GetComplaintRequest { ComplaintId = reply.ComplaintId }, desk);
        Assert.Equal("74.71", stored.RegionCode);
        Assert.Equal(2, stored.ViolationType);
        Assert.Equal(reply.RegistrationNumber, stored.RegistrationNumber);

        await Eventually.HoldsAsync(
            async () => (await reporting.GetRegionCountsAsync(new GetRegionCountsRequest { RegionCode = "74.71" }, desk)).Submitted,
            count => count == before + 1, Bound, "reporting count for 74.71");

        var recorded = await Eventually.HoldsAsync(
            async () => (await notifications.ListNotificationsAsync(new ListNotificationsRequest { ComplaintId = reply.ComplaintId }, await _system.AdminHeadersAsync())).Notifications,
            list => list.Any(n => n.Reason == "ComplaintSubmitted"), Bound, "notification for the complaint");
        // The office's; the consenting reporter's own status e-mail (ReporterStatusNotice) may be listed too.
        var notification = Assert.Single(recorded, n => n.Reason == "ComplaintSubmitted");
        Assert.Equal("bawaslu-74-71@oversight.example", notification.Recipient);
        Assert.Equal(reply.ComplaintId, notification.ComplaintId);
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_each_field_and_nothing_is_stored()
    {
        var request = ComplaintSubmission.Laporan("mataram") with { ViolationType = 13, Description = new string('x', 5001) };
        var error = await Assert.ThrowsAsync<RpcException>(async () => await ComplaintsClient.SubmitComplaintAsync(request, await _system.IntakeOfficerHeadersAsync("")));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("region_code", error.Status.Detail);
        Assert.Contains("violation_type", error.Status.Detail);
        Assert.Contains("description", error.Status.Detail);
    }

    [Fact]
    public async Task A_complaint_about_an_unknown_region_is_refused()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await ComplaintsClient.SubmitComplaintAsync(
            ComplaintSubmission.Laporan("99.98") with { ViolationType = 1 }, await _system.IntakeOfficerHeadersAsync("")));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("region_code", error.Status.Detail);
    }

    [Fact]
    public async Task Every_service_reports_healthy_with_its_real_dependencies_checked()
    {
        string[] services = [TestSystem.RegionDirectory, TestSystem.Complaints, TestSystem.Notifications, TestSystem.Reporting];
        foreach (var service in services)
        {
            using var http = _system.Http(service);
            var health = await http.GetAsync("/health");
            var body = await health.Content.ReadAsStringAsync();
            Assert.True(health.IsSuccessStatusCode, $"{service}: {body}");
            Assert.Contains("\"self\"", body);
            var alive = await http.GetAsync("/alive");
            Assert.True(alive.IsSuccessStatusCode, service);
        }
        using var complaints = _system.Http(TestSystem.Complaints);
        var complaintsHealth = await complaints.GetStringAsync("/health");
        Assert.Contains("postgres:complaintsdb", complaintsHealth);
        Assert.Contains("masstransit", complaintsHealth);
        // Ready only once warmed up: the pool's connections opened, the directory's keys fetched, its channel open.
        Assert.Contains("\"warm-up\"", complaintsHealth);
        Assert.Contains("Warmed up.", complaintsHealth);
        var warmedUp = _system.Project(TestSystem.Complaints).ConsoleSnapshot().Select(l => l.Text)
            .Single(t => t.Contains("Warmed up in", StringComparison.Ordinal));
        Assert.Contains("(PostgreSQL connections, office signing keys, region directory channel, intake rehearsal)", warmedUp);
        Assert.DoesNotContain(_system.Project(TestSystem.Complaints).ConsoleSnapshot(), l => l.Text.Contains("did not complete", StringComparison.Ordinal));
        // The intake rehearsal ran intake's transaction and rolled it back: nothing of it stayed.
        await using var db = new Npgsql.NpgsqlConnection(_system.Setting(TestSystem.Complaints, "ConnectionStrings__complaintsdb"));
        await db.OpenAsync();
        await using var left = new Npgsql.NpgsqlCommand(
            "SELECT (SELECT count(*) FROM complaints WHERE created_by = 'system:warm-up') + (SELECT count(*) FROM audit_entries WHERE actor_client_id = 'system:warm-up')", db);
        Assert.Equal(0L, await left.ExecuteScalarAsync());
        using var reporting = _system.Http(TestSystem.Reporting);
        Assert.Contains("redis:cache", await reporting.GetStringAsync("/health"));
    }

    [Fact]
    public async Task Every_grpc_server_lists_its_services_by_reflection()
    {
        var expected = new Dictionary<string, string>
        {
            [TestSystem.RegionDirectory] = "oversight.regiondirectory.v1.RegionDirectory",
            [TestSystem.Complaints] = "oversight.complaints.v1.Complaints",
            [TestSystem.Notifications] = "oversight.notifications.v1.Notifications",
            [TestSystem.Reporting] = "oversight.reporting.v1.Reporting",
        };
        foreach (var (service, grpcService) in expected)
        {
            var reflection = new Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(_system.Channel(service));
            using var call = reflection.ServerReflectionInfo();
            await call.RequestStream.WriteAsync(new Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" });
            await call.RequestStream.CompleteAsync();
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
            Assert.Contains(grpcService, names);
        }
    }

    [Fact]
    public void The_AppHost_makes_each_service_wait_for_what_it_needs()
    {
        // Aspire holds a resource until what it waits for is healthy; the map must declare those waits.
        var waits = _system.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>()
            .ToDictionary(p => p.Name, p => p.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name).Order().ToList());
        // Waiting for a database waits for its server too.
        Assert.Equal(["cache", "directorydb", "messaging", "postgres"], waits[TestSystem.RegionDirectory]);
        Assert.Equal(["cache", "complaintsdb", "messaging", "postgres", "region-directory"], waits[TestSystem.Complaints]);
        Assert.Equal(["cache", "messaging", "notificationsdb", "postgres", "region-directory"], waits[TestSystem.Notifications]);
        Assert.Equal(["cache", "messaging", "region-directory"], waits[TestSystem.Reporting]);
    }

    [Fact]
    public async Task Submitting_needs_an_intake_officer_token_whose_scope_covers_the_region()
    {
        var request = ComplaintSubmission.Laporan("52.71");

        var anonymous = await Assert.ThrowsAsync<RpcException>(async () => await ComplaintsClient.SubmitComplaintAsync(request));
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);

        // 52.71, not the 74.71 another test counts: reporting applies events asynchronously.
        // Validated by complaints against the directory's JWKS: a token for another province is valid but not enough.
        var otherProvince = await Assert.ThrowsAsync<RpcException>(async () =>
            await ComplaintsClient.SubmitComplaintAsync(request, await _system.IntakeOfficerHeadersAsync("74")));
        Assert.Equal(StatusCode.PermissionDenied, otherProvince.StatusCode);
        Assert.Contains("region scope 74 does not cover region 52.71", otherProvince.Status.Detail);

        var adminOnly = await Assert.ThrowsAsync<RpcException>(async () =>
            await ComplaintsClient.SubmitComplaintAsync(request, await _system.AdminHeadersAsync()));
        Assert.Equal(StatusCode.PermissionDenied, adminOnly.StatusCode);
        Assert.Contains("intake_officer", adminOnly.Status.Detail);

        // The province's desk covers its cities.
        var reply = await ComplaintsClient.SubmitComplaintAsync(request, await _system.IntakeOfficerHeadersAsync("52"));
        Assert.Equal("Bawaslu Kota Mataram", reply.HandlingOffice.Name);
    }

    [Fact]
    public async Task A_node_client_built_from_the_contracts_alone_submits_a_complaint_and_reads_it_back()
    {
        // An integrator outside .NET (tests/clients/node: @grpc/grpc-js and @grpc/proto-loader) loads every .proto with
        // the vendored google/api annotations, gets a token from /connect/token and calls the complaints service.
        var credentials = new Oversight.Contracts.OfficeCredentials.OfficeCredentials.OfficeCredentialsClient(_system.Channel(TestSystem.RegionDirectory));
        var desk = await credentials.RegisterClientAsync(new Oversight.Contracts.OfficeCredentials.RegisterClientRequest
        {
            DisplayName = "Node integrator desk", RegionCode = "52.71", Roles = { "intake_officer" },
        }, await _system.AdminHeadersAsync());
        var complaintsGrpc = _system.Project(TestSystem.Complaints).Endpoint("grpc");

        var start = new System.Diagnostics.ProcessStartInfo("node", Path.Combine(SharedData.RepositoryRoot, "tests", "clients", "node", "client.mjs"))
        {
            Environment =
            {
                ["OVERSIGHT_DIRECTORY_HTTP"] = _system.Project(TestSystem.RegionDirectory).Endpoint("http").ToString(),
                ["OVERSIGHT_COMPLAINTS_GRPC"] = $"{complaintsGrpc.Host}:{complaintsGrpc.Port}",
                ["OVERSIGHT_CLIENT_ID"] = desk.Client.ClientId,
                ["OVERSIGHT_CLIENT_SECRET"] = desk.ClientSecret,
                ["OVERSIGHT_REGION"] = "52.71",
            },
        };
        var node = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(60));
        Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}: {node.Errors}{node.Output}");

        using var answer = System.Text.Json.JsonDocument.Parse(node.Output.Trim());
        Assert.Equal(6, answer.RootElement.GetProperty("services").GetInt32());
        var complaintId = answer.RootElement.GetProperty("complaintId").GetString()!;
        // The same complaint, read by .NET: stored, registered, in Kota Mataram.
        var stored = await ComplaintsClient.GetComplaintAsync(new GetComplaintRequest { ComplaintId = complaintId }, await _system.IntakeOfficerHeadersAsync("52.71"));
        Assert.Equal(("registered", "52.71", 6), (stored.Status, stored.RegionCode, stored.ViolationType));
        Assert.Equal(stored.RegistrationNumber, answer.RootElement.GetProperty("registrationNumber").GetString());
    }
}
