using Npgsql;
using Oversight.Complaints.Domain.Deadlines;
using Oversight.Complaints.Infrastructure.Audit;
using Oversight.Complaints.Infrastructure.Deadlines;
using Oversight.Contracts.IntegrationEvents;
using Oversight.ServiceDefaults.Outbox;

namespace Oversight.Complaints.Infrastructure;

/// <summary>
/// What every write of a complaint (intake or a lifecycle step) records beside its row, inside its transaction:
/// the deadlines it opens, its audit entry and its events for the outbox. One place, so intake and the steps
/// cannot drift apart on what a change leaves behind.
/// </summary>
public sealed class ComplaintRecords(TransactionalOutbox outbox, AuditTrail audit, DeadlineStore deadlines)
{
    public async Task AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid complaintId, IEnumerable<Deadline> opened,
        AuditEntry entry, IEnumerable<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        foreach (var deadline in opened)
        {
            await deadlines.OpenAsync(connection, transaction, new ComplaintDeadline
            {
                Id = Guid.CreateVersion7(),
                ComplaintId = complaintId,
                Kind = deadline.Kind,
                Owner = deadline.Owner,
                RegionCode = deadline.RegionCode,
                DueAt = deadline.DueAt.ToUniversalTime(),
                ApproachingAt = deadline.ApproachingAt.ToUniversalTime(),
            }, cancellationToken);
        }
        await audit.AppendAsync(connection, transaction, entry, cancellationToken);
        foreach (var evt in events)
        {
            await outbox.AppendAsync(connection, transaction, evt, cancellationToken);
        }
    }

    /// <summary>Wakes the outbox relay once the caller's transaction has committed.</summary>
    public void NotifyCommitted() => outbox.Notify();
}
