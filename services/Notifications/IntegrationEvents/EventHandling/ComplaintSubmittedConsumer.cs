using Grpc.Core;
using MassTransit;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.RegionDirectory;
using Oversight.Notifications.Infrastructure;
using Oversight.Notifications.Model;
using RegionDirectoryClient = Oversight.Contracts.RegionDirectory.RegionDirectory.RegionDirectoryClient;

namespace Oversight.Notifications.IntegrationEvents.EventHandling;

/// <summary>
/// Records that the region's handling office must be told of a new complaint. Failures (directory or
/// database down) throw, so MassTransit retries; the insert is idempotent on (event_id, recipient).
/// </summary>
public sealed class ComplaintSubmittedConsumer(
    RegionDirectoryClient directory,
    NotificationStore store,
    ILogger<ComplaintSubmittedConsumer> logger) : IConsumer<ComplaintSubmitted>
{
    private static readonly TimeSpan DirectoryDeadline = TimeSpan.FromSeconds(10);

    public async Task Consume(ConsumeContext<ComplaintSubmitted> context)
    {
        var evt = context.Message;
        var recipient = await HandlingOfficeAsync(evt, context.CancellationToken);
        var recorded = await store.AddAsync(new NotificationRecord
        {
            EventId = evt.EventId,
            ComplaintId = evt.ComplaintId,
            Recipient = recipient,
            Reason = NotificationRecord.ComplaintSubmittedReason,
            Status = NotificationRecord.Pending,
            RecordedAt = DateTime.UtcNow,
        }, context.CancellationToken);

        logger.LogInformation(recorded
            ? "Notification to {Recipient} recorded for complaint {ComplaintId}"
            : "Notification to {Recipient} for complaint {ComplaintId} was already recorded", recipient, evt.ComplaintId);
    }

    private async Task<string> HandlingOfficeAsync(ComplaintSubmitted evt, CancellationToken cancellationToken)
    {
        try
        {
            var region = await directory.GetRegionAsync(
                new GetRegionRequest { Code = evt.RegionCode },
                deadline: DateTime.UtcNow.Add(DirectoryDeadline),
                cancellationToken: cancellationToken);
            return region.HandlingOffice;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            // Retrying cannot help; the office routed at submission time is the best we know.
            logger.LogWarning("Region {RegionCode} is no longer in the directory; notifying {Recipient} as routed at submission",
                evt.RegionCode, evt.HandlingOffice);
            return evt.HandlingOffice;
        }
    }
}
