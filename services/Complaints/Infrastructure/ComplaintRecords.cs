using Npgsql;
using Oversight.Complaints.Domain.Deadlines;
using Oversight.Complaints.Infrastructure.Audit;
using Oversight.Complaints.Infrastructure.Deadlines;
using Oversight.Complaints.Infrastructure.Privacy;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Messaging.Outbox;

namespace Oversight.Complaints.Infrastructure;

/// <summary>
/// What every write of a complaint (intake or a lifecycle step) records beside its row, inside its transaction:
/// the deadlines it opens, its audit entry, its events for the outbox, and the private status notice to a reporter
/// who asked to be told. One place, so intake and the steps cannot drift apart on what a change leaves behind.
/// </summary>
public sealed class ComplaintRecords(TransactionalOutbox outbox, AuditTrail audit, DeadlineStore deadlines, ReporterStatusNotices notices)
{
    /// <param name="row">The complaint as written (its id, and the sealed identity and tracking code for the notice).</param>
    public async Task AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ComplaintRow row, IEnumerable<Deadline> opened,
        AuditEntry entry, IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        var complaintId = row.Id;
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
        // Same transaction: the reporter is told exactly when the change was committed, never of a rolled-back one.
        if (notices.For(row, events) is { } notice)
        {
            await outbox.AppendPrivateAsync(connection, transaction, notice.EventId, notice, cancellationToken);
        }
    }
}
