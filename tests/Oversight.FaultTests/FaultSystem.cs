using System.Globalization;
using Grpc.Core;
using Oversight.Contracts.Notifications;
using Oversight.FaultTests.Load;
using Oversight.Testing;
using static Oversight.Contracts.Complaints.Complaints;
using static Oversight.Contracts.Notifications.Notifications;
using static Oversight.Contracts.Reporting.Reporting;

namespace Oversight.FaultTests;

/// <summary>
/// All four services on the fault run's servers, with notifications allowed to call a loopback webhook receiver
/// (retrying fast), intake desks in three provinces, and a national webhook subscription to every
/// ComplaintSubmitted: the recipient whose "exactly once" the suite checks.
/// </summary>
public sealed class FaultSystem : IAsyncDisposable
{
    /// <summary>Desks in three provinces (two regencies in one of them), so reporting has every level to sum.</summary>
    public static readonly string[] DeskRegions = ["52.71", "64.03", "64.11", "74.71"];

    public const string WebhookPath = "/fault-suite/submitted";

    private FaultSystem(TestSystem system, WebhookTestReceiver webhooks, IReadOnlyList<IntakeDesk> desks, Metadata admin)
    {
        System = system;
        Webhooks = webhooks;
        Desks = desks;
        Admin = admin;
    }

    public TestSystem System { get; }

    public WebhookTestReceiver Webhooks { get; }

    public IReadOnlyList<IntakeDesk> Desks { get; }

    /// <summary>The bootstrap admin's token, taken before any fault (the directory that issues it may be the one killed).</summary>
    public Metadata Admin { get; }

    public ComplaintsClient Complaints => new(System.Channel(TestSystem.Complaints));

    public ReportingClient Reporting => new(System.Channel(TestSystem.Reporting));

    // Unpooled: a pooled connection would not survive the PostgreSQL fault, and the checks open few connections.
    public string ComplaintsDatabase => System.Setting(TestSystem.Complaints, "ConnectionStrings__complaintsdb") + ";Pooling=false";

    public string NotificationsDatabase => System.Setting(TestSystem.Notifications, "ConnectionStrings__notificationsdb") + ";Pooling=false";

    /// <param name="replicas">Instances of each service (the AppHost's <c>--replicas</c>); a service fault then kills one.</param>
    public static async Task<FaultSystem> StartAsync(TestServers servers, int replicas)
    {
        var webhooks = new WebhookTestReceiver();
        var system = await TestSystem.StartAsync(servers, new TestSystemOptions
        {
            Arguments = ["--allow-private-webhooks", "--replicas", replicas.ToString(CultureInfo.InvariantCulture)],
            Environment = new Dictionary<string, string>
            {
                // Enough attempts to outlast any outage of the suite; short delays so that the backlog drains quickly.
                ["notifications:Notifications__Delivery__MaxAttempts"] = "20",
                ["notifications:Notifications__Delivery__BaseDelay"] = "00:00:00.500",
                ["notifications:Notifications__Delivery__AttemptTimeout"] = "00:00:05",
                ["notifications:Notifications__Delivery__PollInterval"] = "00:00:00.300",
            },
        });
        var admin = await system.AdminHeadersAsync();
        var desks = new List<IntakeDesk>();
        foreach (var region in DeskRegions) desks.Add(new IntakeDesk(region, await DeskHeadersAsync(system, admin, region)));

        var integrator = await RegisterAsync(system, admin, "Fault-suite integrator", "", "integrator");
        await new NotificationsClient(system.Channel(TestSystem.Notifications)).CreateSubscriptionAsync(new CreateSubscriptionRequest
        {
            Url = webhooks.Answer(WebhookPath, _ => 200),
            RegionCode = "",
            EventTypes = { "ComplaintSubmitted" },
        }, integrator);
        return new FaultSystem(system, webhooks, desks, admin);
    }

    private static async Task<Metadata> DeskHeadersAsync(TestSystem system, Metadata admin, string region) =>
        await RegisterAsync(system, admin, $"Intake desk {region}", region, "intake_officer");

    private static async Task<Metadata> RegisterAsync(TestSystem system, Metadata admin, string name, string region, string role)
    {
        using var directory = system.Http(TestSystem.RegionDirectory);
        return await TestSystem.OfficeClientHeadersAsync(directory, system.Channel(TestSystem.RegionDirectory).CreateCallInvoker(), admin, name, region, role);
    }

    public async ValueTask DisposeAsync()
    {
        await System.DisposeAsync();
        await Webhooks.DisposeAsync();
    }
}
