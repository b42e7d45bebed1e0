using Grpc.Core;
using Npgsql;
using Oversight.Contracts.Complaints;
using Oversight.Contracts.RegionDirectory;
using Oversight.IntegrationTests.EndToEnd;
using Oversight.Testing;
using static Oversight.Contracts.Complaints.Complaints;
using static Oversight.Contracts.RegionDirectory.RegionDirectory;

namespace Oversight.IntegrationTests.Complaints;

/// <summary>
/// Intake through a region-directory outage (issue #8): complaints keeps the directory's last good routing and
/// campaign answers, uses them while the directory is down, refuses a region it never routed, never lets a cached
/// answer bypass the caller's region scope, and drops them when the directory announces a change; a restarted instance
/// starts with the answers shared in Redis (issue 19, the first seconds after a restart).
/// Each test stops the directory of its own system (not the shared servers), so they run with the others.
/// </summary>
public sealed class RoutingCacheTests(TestServers servers)
{
    private const string StaleWarning = "routing submissions from cached answers";

    // Bounded: a system's start and two restarts of the directory on two busy cores.
    [Fact(Timeout = 300_000)]
    public async Task While_the_directory_is_down_a_routed_region_is_taken_in_from_the_cache_and_an_unrouted_one_is_refused()
    {
        // FreshFor=0 and no serving while refreshing: every submission asks the directory (and waits for it), so a
        // cached answer is used only because it is unavailable.
        await using var system = await TestSystem.StartWithEnvironmentAsync(servers,
            new Dictionary<string, string>
            {
                ["complaints:Complaints__Routing__FreshFor"] = "00:00:00",
                ["complaints:Complaints__Routing__ServeWhileRefreshing"] = "00:00:00",
            }, TestSystem.Complaints);
        var client = new ComplaintsClient(system.Channel(TestSystem.Complaints));
        var cancel = TestContext.Current.CancellationToken;
        var mataram = await system.IntakeOfficerHeadersAsync("52.71");
        var berau = await system.IntakeOfficerHeadersAsync("64.03");
        var before = await client.SubmitComplaintAsync(ComplaintSubmission.Temuan("52.71"), mataram, cancellationToken: cancel);
        Assert.Equal("registered", before.Status);

        var directory = system.Project(TestSystem.RegionDirectory);
        await directory.StopProcessAsync();
        try
        {
            // Twice: the first asks the dead directory and falls back, the second within RecheckAfter does not ask.
            foreach (var violationType in new[] { 3, 4 })
            {
                var during = await client.SubmitComplaintAsync(ComplaintSubmission.Temuan("52.71") with { ViolationType = violationType }, mataram, cancellationToken: cancel);
                Assert.Equal("registered", during.Status);
                Assert.Equal(before.HandlingOffice, during.HandlingOffice);
            }
            // One warning for the outage, not one per submission.
            var lines = await system.Project(TestSystem.Complaints).WaitForLineAsync(StaleWarning);
            Assert.Single(lines, l => l.Contains(StaleWarning, StringComparison.Ordinal));

            // A desk of another region is refused before routing, though the cache holds 52.71's routing and the
            // directory (which would also refuse it) is not there to check.
            var outside = await Assert.ThrowsAsync<RpcException>(async () => await client.SubmitComplaintAsync(ComplaintSubmission.Temuan("52.71"), berau, cancellationToken: cancel));
            Assert.Equal(StatusCode.PermissionDenied, outside.StatusCode);

            // A region never routed has nothing to fall back on: Unavailable, as before the cache, and nothing stored.
            var unrouted = await Assert.ThrowsAsync<RpcException>(async () => await client.SubmitComplaintAsync(ComplaintSubmission.Temuan("64.03"), berau, cancellationToken: cancel));
            Assert.Equal(StatusCode.Unavailable, unrouted.StatusCode);
            Assert.Contains("region directory is unavailable", unrouted.Status.Detail);
            Assert.Contains("64.03", unrouted.Status.Detail);
            Assert.Equal(0, await StoredAsync(system, "64.03"));
            Assert.Equal(3, await StoredAsync(system, "52.71"));
        }
        finally
        {
            await directory.StartProcessAsync(TimeSpan.FromMinutes(2));
        }

        // The directory is used again once back (the region it never routed is taken in), and the outage ends.
        var after = await Eventually.HoldsAsync(() => TrySubmitAsync(client, ComplaintSubmission.Temuan("64.03"), berau), r => r is not null,
            TimeSpan.FromSeconds(60), "a submission for 64.03 once the directory is back");
        Assert.Equal("registered", after!.Status);
        Assert.Equal(1, await StoredAsync(system, "64.03"));
        await system.Project(TestSystem.Complaints).WaitForLineAsync("Region directory answers again");
    }

    [Fact(Timeout = 300_000)]
    public async Task A_fresh_answer_is_used_without_asking_and_a_directory_change_drops_every_answer()
    {
        await using var system = await TestSystem.StartAsync(servers, TestSystem.Complaints);
        var client = new ComplaintsClient(system.Channel(TestSystem.Complaints));
        var cancel = TestContext.Current.CancellationToken;
        var mataram = await system.IntakeOfficerHeadersAsync("52.71");
        var directory = system.Project(TestSystem.RegionDirectory);
        var complaints = system.Project(TestSystem.Complaints);
        var before = await client.SubmitComplaintAsync(ComplaintSubmission.Temuan("52.71"), mataram, cancellationToken: cancel);

        // Within FreshFor (60 s by default) the directory is not asked: no outage is noticed, no warning logged.
        await directory.StopProcessAsync();
        try
        {
            var fresh = await client.SubmitComplaintAsync(ComplaintSubmission.Temuan("52.71") with { ViolationType = 3 }, mataram, cancellationToken: cancel);
            Assert.Equal(before.HandlingOffice, fresh.HandlingOffice);
            Assert.DoesNotContain(complaints.ConsoleSnapshot(), l => l.Text.Contains(StaleWarning, StringComparison.Ordinal));
        }
        finally
        {
            await directory.StartProcessAsync(TimeSpan.FromMinutes(2));
        }

        // A real change in the directory (an office added in 52.71) publishes RegionDirectoryChanged; complaints drops its cache.
        var admin = new RegionDirectoryClient(system.Authorized(TestSystem.RegionDirectory, await system.AdminTokenAsync()));
        await admin.UpsertOfficeAsync(new UpsertOfficeRequest
        {
            Office = new Office { Kind = "kpu", RegionCode = "52.71", Name = "KPU Kota Mataram", Email = "kpu-52-71@oversight.example" },
        });
        await complaints.WaitForLineAsync("Routing cache dropped", TimeSpan.FromSeconds(30));

        // Nothing left to fall back on: with the directory down again, 52.71 is refused as if never routed.
        await directory.StopProcessAsync();
        try
        {
            var dropped = await Assert.ThrowsAsync<RpcException>(async () => await client.SubmitComplaintAsync(ComplaintSubmission.Temuan("52.71") with { ViolationType = 4 }, mataram, cancellationToken: cancel));
            Assert.Equal(StatusCode.Unavailable, dropped.StatusCode);
        }
        finally
        {
            await directory.StartProcessAsync(TimeSpan.FromMinutes(2));
        }
    }

    [Fact(Timeout = 300_000)]
    public async Task A_restarted_instance_routes_from_the_answers_the_one_before_it_shared()
    {
        // FreshFor of 10 minutes: the answer shared before the restart is still fresh after it, however slow the restart.
        await using var system = await TestSystem.StartWithEnvironmentAsync(servers,
            new Dictionary<string, string> { ["complaints:Complaints__Routing__FreshFor"] = "00:10:00" }, TestSystem.Complaints);
        var cancel = TestContext.Current.CancellationToken;
        var mataram = await system.IntakeOfficerHeadersAsync("52.71");
        var before = await new ComplaintsClient(system.Channel(TestSystem.Complaints))
            .SubmitComplaintAsync(ComplaintSubmission.Temuan("52.71"), mataram, cancellationToken: cancel);

        // A new process holds nothing in its own memory; once it is ready (the directory's keys fetched), the directory goes.
        var complaints = system.Project(TestSystem.Complaints);
        await complaints.StopProcessAsync();
        await complaints.StartProcessAsync(TimeSpan.FromMinutes(2));
        var directory = system.Project(TestSystem.RegionDirectory);
        await directory.StopProcessAsync();
        try
        {
            // Routed from the answers the first process shared in Redis: fresh, so no outage is noticed or logged.
            var after = await new ComplaintsClient(system.Channel(TestSystem.Complaints))
                .SubmitComplaintAsync(ComplaintSubmission.Temuan("52.71") with { ViolationType = 3 }, mataram, cancellationToken: cancel);
            Assert.Equal("registered", after.Status);
            Assert.Equal(before.HandlingOffice, after.HandlingOffice);
            Assert.DoesNotContain(complaints.ConsoleSnapshot(), l => l.Text.Contains(StaleWarning, StringComparison.Ordinal));
        }
        finally
        {
            await directory.StartProcessAsync(TimeSpan.FromMinutes(2));
        }
    }

    private static async Task<SubmitComplaintReply?> TrySubmitAsync(ComplaintsClient client, SubmitComplaintRequest request, Metadata headers)
    {
        try
        {
            return await client.SubmitComplaintAsync(request, headers);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            return null;
        }
    }

    private static async Task<long> StoredAsync(TestSystem system, string regionCode)
    {
        await using var db = new NpgsqlConnection(system.Setting(TestSystem.Complaints, "ConnectionStrings__complaintsdb"));
        await db.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM complaints WHERE region_code = @region", db);
        count.Parameters.AddWithValue("region", regionCode);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
