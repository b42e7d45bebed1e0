using Dapper;
using Npgsql;
using Oversight.Complaints.Infrastructure.Audit;
using Oversight.Complaints.Infrastructure.Deadlines;
using Oversight.Messaging.Outbox;

namespace Oversight.Complaints.Infrastructure.Transitions;

/// <summary>
/// Runs one lifecycle step in one transaction: the row is read FOR UPDATE (concurrent steps on one complaint queue
/// here, so the version check cannot race), the step decides on it (throwing refuses it and rolls everything back),
/// then the new row, the deadlines it closes and opens, its audit entry and its events are written and committed together.
/// </summary>
public sealed class ComplaintTransitionStore(NpgsqlDataSource dataSource, TransactionalOutbox outbox, ComplaintRecords records)
{
    private const string UpdateSql = """
        UPDATE complaints SET
            status = @Status, version = @Version, last_changed_at = @LastChangedAt, kind = @Kind,
            reporter_category = @ReporterCategory, reporter_identity = @ReporterIdentity, employing_region_code = @EmployingRegionCode,
            reported_name = @ReportedName, reported_nip = @ReportedNip, reported_position = @ReportedPosition,
            reported_agency = @ReportedAgency, reported_address = @ReportedAddress, became_known_at = @BecameKnownAt,
            violation_type = @ViolationType, occurred_at = @OccurredAt, place = @Place, description = @Description,
            evidence = @Evidence::jsonb, open_requirements = @OpenRequirements::jsonb, details_received_at = @DetailsReceivedAt,
            registration_number = @RegistrationNumber, registration_office = @RegistrationOffice,
            registration_year = @RegistrationYear, registration_sequence = @RegistrationSequence, registered_at = @RegisteredAt,
            review_extended = @ReviewExtended, outcome = @Outcome, decision_reasoning = @DecisionReasoning,
            decided_violation_type = @DecidedViolationType, decision_late = @DecisionLate, decided_at = @DecidedAt,
            recommendation_ref = @RecommendationRef, recommended_at = @RecommendedAt, verified_at = @VerifiedAt,
            escalation_level = @EscalationLevel, last_escalated_at = @LastEscalatedAt,
            sanction_code = @SanctionCode, sanction_level = @SanctionLevel, moral_sanction_codes = @MoralSanctionCodes::jsonb,
            decree_ref = @DecreeRef, sanctioned_at = @SanctionedAt, closing_note = @ClosingNote, closed_at = @ClosedAt
        WHERE id = @Id AND version = @Version - 1
        """;

    /// <summary>Applies <paramref name="step"/> to the complaint; null when there is no such complaint.</summary>
    public async Task<ComplaintRow?> TransitionAsync(
        Guid id, Func<ComplaintRow, ITransitionScope, Task<TransitionWrite>> step, CancellationToken cancellationToken)
    {
        var write = await outbox.InTransactionAsync(dataSource, async (connection, transaction) =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<ComplaintRow>(new CommandDefinition(
                $"SELECT {ComplaintStore.Columns} FROM complaints WHERE id = @id FOR UPDATE", new { id }, transaction, cancellationToken: cancellationToken));
            if (row is null)
            {
                return null;
            }
            var write = await step(row, new TransitionScope(connection, transaction, cancellationToken));
            if (await connection.ExecuteAsync(new CommandDefinition(UpdateSql, write.Row, transaction, cancellationToken: cancellationToken)) != 1)
            {
                throw new InvalidOperationException($"Complaint {id} changed under its row lock.");
            }
            var change = DeadlineChanges.Between(write.DeadlinesBefore, write.DeadlinesAfter);
            await records.AppendAsync(connection, transaction, change.Close.Select(close => DeadlineStore.CloseCommand(id, close.Kind, close.Reason)),
                write.Row, change.Open, write.Audit, write.Events, cancellationToken);
            return write;
        }, cancellationToken);
        return write?.Row;
    }
}
