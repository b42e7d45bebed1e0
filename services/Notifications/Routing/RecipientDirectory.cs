using Grpc.Core;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.RegionDirectory;
using RegionDirectoryClient = Oversight.Contracts.RegionDirectory.RegionDirectory.RegionDirectoryClient;

namespace Oversight.Notifications.Routing;

/// <summary>
/// Asks the region directory who must be told of an event. The directory being down throws (the consumer is
/// retried by MassTransit); a region it no longer knows gives no e-mail recipients, since retrying cannot help.
/// </summary>
public sealed class RecipientDirectory(RegionDirectoryClient directory, ILogger<RecipientDirectory> logger)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public async Task<IReadOnlyList<EmailRecipient>> EmailRecipientsAsync(IntegrationEvent evt, CancellationToken cancellationToken)
    {
        try
        {
            return evt switch
            {
                ComplaintSubmitted submitted => RecipientRules.ForComplaintSubmitted(
                    await RouteAsync(submitted.RegionCode, "", cancellationToken),
                    (await directory.ListOfficesAsync(new ListOfficesRequest { RegionCode = submitted.RegionCode },
                        deadline: DateTime.UtcNow.Add(Deadline), cancellationToken: cancellationToken)).Offices),
                RecommendationIssued recommendation => RecipientRules.ForRecommendation(
                    await RouteAsync(recommendation.RegionCode, recommendation.EmployingRegionCode, cancellationToken)),
                DeadlineEvent deadline => RecipientRules.ForDeadline(deadline,
                    await RouteAsync(deadline.RegionCode, "", cancellationToken),
                    deadline is DeadlineMissed && deadline.Owner == "ppk"
                        ? await RouteAsync(RecipientRules.ProvinceOf(deadline.RegionCode), "", cancellationToken)
                        : null),
                _ => [],
            };
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument)
        {
            logger.LogWarning("No e-mail recipients for {EventType} {EventId}: the directory does not route region {RegionCode} ({Status})",
                evt.GetType().Name, evt.EventId, evt.RegionCode, ex.StatusCode);
            return [];
        }
    }

    private async Task<ComplaintRouting> RouteAsync(string regionCode, string employingRegionCode, CancellationToken cancellationToken) =>
        await directory.RouteComplaintAsync(
            new RouteComplaintRequest { RegionCode = regionCode, EmployingRegionCode = employingRegionCode },
            deadline: DateTime.UtcNow.Add(Deadline), cancellationToken: cancellationToken);
}
