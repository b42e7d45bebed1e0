using MassTransit;
using Oversight.Contracts;
using Oversight.Contracts.PrivateMessages;
using Oversight.RegionDirectory.Infrastructure.Sites;

namespace Oversight.RegionDirectory.IntegrationEvents.EventHandling;

/// <summary>
/// At a regional site, the copy of the directory takes the centre's snapshots from <see cref="SiteLink.DirectoryCopyQueue"/>
/// (the AppHost declares it at the site's broker, so nothing the centre's shovel delivers before this service starts is
/// dropped). One at a time, in the order they came; an older one after a newer one changes nothing.
/// </summary>
public sealed class DirectorySnapshotConsumer(DirectoryCopyStore copy, ILogger<DirectorySnapshotConsumer> logger) : IConsumer<DirectorySnapshot>
{
    public static void OnTheCopyQueue(IEndpointRegistrationConfigurator endpoint)
    {
        endpoint.Name = SiteLink.DirectoryCopyQueue;
        endpoint.ConcurrentMessageLimit = 1;
        endpoint.PrefetchCount = 1;
    }

    public async Task Consume(ConsumeContext<DirectorySnapshot> context)
    {
        var snapshot = context.Message;
        switch (await copy.ApplyAsync(snapshot, context.CancellationToken))
        {
            case SnapshotVerdict.NotNewer:
                logger.LogInformation("Directory snapshot {Version} skipped: the copy holds it or a newer one", snapshot.Version);
                return;
            case SnapshotVerdict.OtherOrigin:
                // Worth an operator's eye: expected once after the centre's database was made again, never otherwise.
                logger.LogWarning("Directory snapshot {Version} comes from another centre database ({Origin}) than the copy held: taken",
                    snapshot.Version, snapshot.Origin);
                break;
        }
        logger.LogInformation("Directory copy now at the centre's snapshot {Version} of {OccurredAt:o} ({Change})", snapshot.Version,
            snapshot.OccurredAt, snapshot.Change?.Summary ?? "the centre's start");
    }
}
