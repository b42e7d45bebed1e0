using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.PrivateMessages;

namespace Oversight.Complaints.Infrastructure.Privacy;

/// <summary>
/// Decides whether a write of a complaint tells its reporter by e-mail, and builds that private notice: only a laporan
/// (it has a tracking code), only when the reporter gave an address and agreed to be told, and with nothing of the
/// identity but the address. The sealed identity is opened in memory for this and dropped; nothing here is logged
/// but the complaint id.
/// </summary>
public sealed class ReporterStatusNotices(ReporterIdentityProtector protector, ILogger<ReporterStatusNotices> logger)
{
    /// <summary>The notice for the write of <paramref name="row"/> that raised <paramref name="events"/>; null when the reporter is not to be told.</summary>
    public ReporterStatusNotice? For(ComplaintRow row, IReadOnlyList<IntegrationEvent> events)
    {
        // The last complaint event of the write carries the state after it (ComplaintRegistered after ComplaintSubmitted at intake).
        if (row.TrackingCode is null || row.ReporterIdentity is null || events.OfType<ComplaintChange>().LastOrDefault() is not { State: { } state } change)
        {
            return null;
        }
        ReporterIdentity identity;
        try
        {
            identity = protector.Open(row.Id, row.ReporterIdentity);
        }
        catch (ReporterIdentityUnreadableException ex)
        {
            // The step itself must not fail for the notice; the reason names no personal data.
            logger.LogWarning("No status e-mail to the reporter of complaint {ComplaintId}: the sealed identity cannot be opened ({Reason})", row.Id, ex.Reason);
            return null;
        }
        if (!identity.AgreedToNotifications || string.IsNullOrWhiteSpace(identity.Email))
        {
            return null;
        }
        return new ReporterStatusNotice
        {
            OccurredAt = change.OccurredAt,
            ComplaintId = row.Id,
            RegionCode = row.RegionCode,
            Email = identity.Email.Trim(),
            // Shown grouped as the reporter got it; a stored code is always valid, but a notice is no reason to fail a step.
            TrackingCode = TrackingCode.TryParse(row.TrackingCode, out var code) ? code.ToString() : row.TrackingCode,
            Language = identity.Language ?? "",
            Status = state.Status,
            Step = change is ComplaintStatusChanged changed ? changed.Step : IntegrationEventTypes.NameOf(change.GetType()),
            RegistrationNumber = state.RegistrationNumber,
            Outcome = state.Outcome,
            SanctionLevel = state.SanctionLevel,
        };
    }
}
