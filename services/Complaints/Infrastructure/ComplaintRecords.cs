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
/// All of it goes to PostgreSQL as one batch (one round trip), with the caller's own statements first: intake holds
/// its office's registration counter row locked from the number's draw to the commit, so every round trip in between
/// is time the next complaint of that office waits.
/// </summary>
public sealed class ComplaintRecords(TransactionalOutbox outbox, ReporterStatusNotices notices)
{
    /// <param name="leading">The caller's statements of this write, sent first in the same batch (e.g. the row's INSERT).</param>
    /// <param name="row">The complaint as written (its id, and the sealed identity and tracking code for the notice).</param>
    public async Task AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<NpgsqlBatchCommand> leading, ComplaintRow row,
        IEnumerable<Deadline> opened, AuditEntry entry, IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in leading)
        {
            batch.BatchCommands.Add(command);
        }
        var complaintId = row.Id;
        foreach (var deadline in opened)
        {
            batch.BatchCommands.Add(DeadlineStore.OpenCommand(new ComplaintDeadline
            {
                Id = Guid.CreateVersion7(),
                ComplaintId = complaintId,
                Kind = deadline.Kind,
                Owner = deadline.Owner,
                RegionCode = deadline.RegionCode,
                DueAt = deadline.DueAt.ToUniversalTime(),
                ApproachingAt = deadline.ApproachingAt.ToUniversalTime(),
            }));
        }
        batch.BatchCommands.Add(AuditTrail.AppendCommand(entry));
        foreach (var evt in events)
        {
            batch.BatchCommands.Add(outbox.Command(evt));
        }
        // Same transaction: the reporter is told exactly when the change was committed, never of a rolled-back one.
        if (notices.For(row, events) is { } notice)
        {
            batch.BatchCommands.Add(outbox.PrivateCommand(notice.EventId, notice));
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
