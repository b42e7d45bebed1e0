using System.Globalization;
using Grpc.Net.Client;
using MimeKit;
using Oversight.Contracts.Complaints;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.Notifications;
using Oversight.Contracts.RegionDirectory;
using Oversight.IntegrationTests.Complaints;
using Oversight.IntegrationTests.EndToEnd;
using Oversight.Testing;
using static Oversight.Contracts.Complaints.Complaints;
using static Oversight.Contracts.Notifications.Notifications;
using static Oversight.Contracts.RegionDirectory.RegionDirectory;

namespace Oversight.IntegrationTests.Replicas;

/// <summary>
/// The AppHost started with <c>--replicas complaints=2 --replicas notifications=2</c>: two instances of each on one
/// database and one broker, behind Aspire's proxy, with e-mail to an SMTP listener and a webhook receiver on loopback.
/// </summary>
public sealed class ReplicaSystemFixture(TestServers servers) : IAsyncLifetime
{
    public SmtpTestListener Smtp { get; } = new();

    public WebhookTestReceiver Webhooks { get; } = new();

    public TestSystem System { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        System = await TestSystem.StartAsync(servers, new TestSystemOptions
        {
            Services = [TestSystem.Complaints, TestSystem.Notifications],
            Arguments = ["--replicas", "complaints=2", "--replicas", "notifications=2", "--allow-private-webhooks"],
            Environment = TestSystem.QuickNotificationSettings(Smtp.Port).ToDictionary(s => $"{TestSystem.Notifications}:{s.Key}", s => s.Value),
        });

    public async ValueTask DisposeAsync()
    {
        await System.DisposeAsync();
        await Webhooks.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>
/// What must hold with two instances of a service (issue 20): one gap-free registration sequence, each event published
/// once and a complaint's events in order by the two outbox relays together, each webhook and e-mail sent once, and
/// the directory's change dropping the kept look-ups of every instance.
/// </summary>
public sealed class ReplicaTests(ReplicaSystemFixture fixture) : IClassFixture<ReplicaSystemFixture>
{
    private const string HandlingOfficeEmail = "bawaslu-52-71@oversight.example";
    private const int Complaints = 40;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private readonly TestSystem _system = fixture.System;

    [Fact]
    public async Task Two_instances_keep_one_number_sequence_and_publish_send_and_deliver_each_event_once_in_order()
    {
        Assert.Equal(2, _system.Project(TestSystem.Complaints).InstanceIds.Count);
        Assert.Equal(2, _system.Project(TestSystem.Notifications).InstanceIds.Count);
        var types = IntegrationEventTypes.All.Where(type => type.IsSubclassOf(typeof(ComplaintChange)));
        await using var events = await EventListener.ListenAsync(_system.Setting(TestSystem.Complaints, "ConnectionStrings__messaging"), types);
        var integrator = await _system.OfficeHeadersAsync("integrator", "");
        await new NotificationsClient(_system.Channel(TestSystem.Notifications)).CreateSubscriptionAsync(new CreateSubscriptionRequest
        {
            Url = fixture.Webhooks.Answer("/replicas/submitted", _ => 200),
            RegionCode = "",
            EventTypes = { "ComplaintSubmitted" },
        }, integrator);
        var desk = await _system.IntakeOfficerHeadersAsync("52.71");
        var reviewer = await _system.OfficeHeadersAsync("reviewer", "52.71");

        // Eight clients at once, each on its own connection (Aspire's proxy picks an instance per connection), each
        // complaint taken into review at once: its three events (submitted, registered, under review) may leave
        // through either instance's relay.
        var submitted = (await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var channel = GrpcChannel.ForAddress(_system.Project(TestSystem.Complaints).Endpoint("grpc"));
            var complaints = new ComplaintsClient(channel);
            var replies = new List<SubmitComplaintReply>();
            for (var i = 0; i < Complaints / 8; i++)
            {
                var reply = await complaints.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71"), desk);
                await complaints.StartReviewAsync(new StartReviewRequest { ComplaintId = reply.ComplaintId, ExpectedVersion = 1 }, reviewer);
                replies.Add(reply);
            }
            return replies;
        }))).SelectMany(replies => replies).ToList();

        // Both instances took submissions, and the office's numbers are one sequence: 1 to 40, no gap, none twice.
        // (Read from the instances' console lines, which reach the test through the AppHost's log stream a little later.)
        await Eventually.HoldsAsync(() => Task.FromResult(_system.Project(TestSystem.Complaints).ConsoleSnapshot()
                .Where(l => submitted.Any(s => l.Text.Contains($"Complaint {s.ComplaintId} registered", StringComparison.Ordinal)))
                .Select(l => l.InstanceId).Distinct().Count()),
            instances => instances == 2, TimeSpan.FromSeconds(30), "registrations logged by both instances");
        Assert.Equal(Enumerable.Range(1, Complaints),
            submitted.Select(s => int.Parse(s.RegistrationNumber[(s.RegistrationNumber.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture)).Order());

        // Every event once, and each complaint's in the order of its versions.
        var arrived = await events.WaitForAsync(all => all.Count >= 3 * Complaints, Bound, $"{3 * Complaints} complaint events");
        await Task.Delay(TimeSpan.FromSeconds(3));
        arrived = [.. events.Received.Where(e => submitted.Any(s => s.ComplaintId == e.ComplaintId))];
        Assert.Equal(3 * Complaints, arrived.Select(e => e.Message.GetProperty("eventId").GetString()).Distinct().Count());
        Assert.Equal(3 * Complaints, arrived.Count);
        foreach (var complaint in arrived.GroupBy(e => e.ComplaintId))
        {
            var versions = complaint.Select(e => e.Message.GetProperty("state").GetProperty("version").GetInt32()).ToList();
            Assert.Equal([1, 1, 2], versions);
            Assert.Equal("ComplaintStatusChanged", complaint.Last().Type);
        }

        // Each ComplaintSubmitted called at the webhook once, and each e-mail to the office sent once.
        var ours = submitted.Select(s => s.ComplaintId).ToHashSet();
        await Eventually.HoldsAsync(() => Task.FromResult(fixture.Webhooks.Calls.Count(c => ours.Any(id => c.Body.Contains(id, StringComparison.Ordinal)))),
            n => n >= Complaints, Bound, $"{Complaints} webhook calls");
        await Eventually.HoldsAsync(
            () => Task.FromResult(fixture.Smtp.To(HandlingOfficeEmail).Select(m => MimeMessage.Load(new MemoryStream(m.Data)).Subject ?? "").ToList()),
            subjects => submitted.All(s => subjects.Any(subject => subject.Contains(s.RegistrationNumber, StringComparison.Ordinal))),
            Bound, "an e-mail to the handling office for each complaint");
        await Task.Delay(TimeSpan.FromSeconds(3));
        // The other test's complaints reach the national subscription too: only this test's count.
        var calls = fixture.Webhooks.Calls.Where(c => c.Path == "/replicas/submitted" && ours.Any(id => c.Body.Contains(id, StringComparison.Ordinal))).ToList();
        Assert.Equal(Complaints, calls.Count);
        Assert.Equal(Complaints, calls.Select(c => c.Headers["X-Oversight-Event-Id"]).Distinct().Count());
        var subjects = fixture.Smtp.To(HandlingOfficeEmail).Select(m => MimeMessage.Load(new MemoryStream(m.Data)).Subject ?? "").ToList();
        Assert.Empty(subjects.GroupBy(s => s).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public async Task A_tracking_codes_tries_are_counted_once_across_the_instances()
    {
        // Berau's office, not Mataram's: the other test counts Mataram's numbers from 1.
        var desk = await _system.IntakeOfficerHeadersAsync("64.03");
        var mine = await new ComplaintsClient(_system.Channel(TestSystem.Complaints)).SubmitComplaintAsync(ComplaintSubmission.Laporan("64.03"), desk);
        var wrongPin = ((int.Parse(mine.Pin, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

        // Each try on a connection of its own, so Aspire's proxy spreads them over both instances. The budget is 10 per
        // code (the default): counted per instance, each would have seen about half of the tries and let the later ones in.
        async Task<Grpc.Core.StatusCode> TryAsync(string pin)
        {
            using var channel = GrpcChannel.ForAddress(_system.Project(TestSystem.Complaints).Endpoint("grpc"));
            try
            {
                await new ComplaintsClient(channel).TrackComplaintAsync(new TrackComplaintRequest { TrackingCode = mine.TrackingCode, Pin = pin });
                return Grpc.Core.StatusCode.OK;
            }
            catch (Grpc.Core.RpcException ex)
            {
                return ex.StatusCode;
            }
        }
        var tries = new List<Grpc.Core.StatusCode>();
        for (var i = 0; i < 10; i++) tries.Add(await TryAsync(wrongPin));
        Assert.All(tries, status => Assert.Equal(Grpc.Core.StatusCode.NotFound, status));
        var after = new List<Grpc.Core.StatusCode>();
        for (var i = 0; i < 6; i++) after.Add(await TryAsync(mine.Pin));
        // Even the right PIN: the code's budget is spent, whichever instance answers.
        Assert.All(after, status => Assert.Equal(Grpc.Core.StatusCode.ResourceExhausted, status));
        await Eventually.HoldsAsync(() => Task.FromResult(_system.Project(TestSystem.Complaints).ConsoleSnapshot()
                .Where(l => l.Text.Contains("Refused a tracking read: too many tries for this tracking code", StringComparison.Ordinal))
                .Select(l => l.InstanceId).Distinct().Count()),
            instances => instances == 2, TimeSpan.FromSeconds(30), "refusals logged by both instances");
    }

    [Fact]
    public async Task A_directory_change_drops_the_kept_lookups_of_every_instance()
    {
        var desk = await _system.IntakeOfficerHeadersAsync("64.03");
        // Fill both complaints instances' routing caches and both notifications instances' recipient look-ups.
        var complaints = new ComplaintsClient(_system.Channel(TestSystem.Complaints));
        for (var i = 0; i < 6; i++) await complaints.SubmitComplaintAsync(ComplaintSubmission.Laporan("64.03"), desk);

        var directory = new RegionDirectoryClient(_system.Authorized(TestSystem.RegionDirectory, await _system.AdminTokenAsync()));
        await directory.UpsertOfficeAsync(new UpsertOfficeRequest
        {
            Office = new Office { Kind = "kpu", RegionCode = "64.03", Name = "KPU Kabupaten Berau", Email = "kpu-64-03@oversight.example" },
        });

        await _system.Project(TestSystem.Complaints).WaitForLineInEveryInstanceAsync("Routing cache dropped: region directory office added", Bound);
        await _system.Project(TestSystem.Notifications).WaitForLineInEveryInstanceAsync("Recipient look-ups dropped: region directory office added", Bound);
    }
}
