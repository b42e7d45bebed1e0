using MassTransit;
using Oversight.Testing;

// "Reports", not the folder's "Reporting": that namespace would hide the generated Reporting client from other test folders.
namespace Oversight.IntegrationTests.Reports;

/// <summary>
/// The directory (for tokens) and reporting, fed the scripted campaign through MassTransit on the system's
/// own RabbitMQ virtual host: in script order, or shuffled (the events of one complaint out of order).
/// Ready once reporting logged every event applied.
/// </summary>
public abstract class ReportingSystemFixture(TestServers servers, bool shuffled) : IAsyncLifetime
{
    public TestSystem System { get; private set; } = null!;
    internal ComplaintScript Script { get; } = ComplaintScript.Campaign();
    public IBusControl Bus { get; private set; } = null!;
    internal IReadOnlyList<Oversight.Contracts.IntegrationEvents.ComplaintChange> PublishedOrder { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        // The consumer's line per event ("Applied", "Skipped (not newer)") is Debug since issue 19; HandledCount counts it.
        System = await TestSystem.StartWithEnvironmentAsync(servers,
            new Dictionary<string, string> { [$"{TestSystem.Reporting}:Logging__LogLevel__Oversight.Reporting.IntegrationEvents"] = "Debug" },
            TestSystem.Reporting);
        Bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(new Uri(System.Setting(TestSystem.Reporting, "ConnectionStrings__messaging"))));
        await Bus.StartAsync();
        var random = new Random(2024);
        PublishedOrder = shuffled ? Script.Events.OrderBy(_ => random.Next()).ToList() : Script.Events;
        await PublishAsync(PublishedOrder);
        await WaitForHandledAsync(Script.Events.Count, TimeSpan.FromSeconds(60));
    }

    public async Task PublishAsync(IEnumerable<object> events)
    {
        foreach (var evt in events) await Bus.Publish(evt);
    }

    /// <summary>
    /// Waits until reporting logged at least <paramref name="count"/> events handled. Handled, not applied: events are
    /// consumed concurrently, so even in publishing order a later version may land first and the earlier one is skipped.
    /// </summary>
    public Task WaitForHandledAsync(int count, TimeSpan within) =>
        Eventually.HoldsAsync(() => Task.FromResult(HandledCount()), n => n >= count, within, $"{count} events handled by reporting");

    public int HandledCount() => System.Project(TestSystem.Reporting).ConsoleSnapshot()
        .Count(l => l.Text.Contains("Applied ", StringComparison.Ordinal) || l.Text.Contains("Skipped (not newer)", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await Bus.StopAsync();
        await System.DisposeAsync();
    }
}

public sealed class InOrderCampaignFixture(TestServers servers) : ReportingSystemFixture(servers, shuffled: false);

public sealed class ShuffledCampaignFixture(TestServers servers) : ReportingSystemFixture(servers, shuffled: true);
