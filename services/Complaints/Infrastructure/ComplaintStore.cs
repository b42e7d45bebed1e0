using Dapper;
using Npgsql;
using Oversight.Complaints.Domain.Deadlines;
using Oversight.Complaints.Infrastructure.Audit;
using Oversight.Complaints.Infrastructure.Deadlines;
using Oversight.Complaints.Infrastructure.Transitions;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Messaging.Outbox;

namespace Oversight.Complaints.Infrastructure;

/// <summary>What one intake writes, beside the row: its open deadlines, its audit entry and its events.</summary>
public sealed record IntakeWrite(
    ComplaintRow Row,
    IReadOnlyList<Deadline> Deadlines,
    AuditEntry Audit,
    IReadOnlyList<IntegrationEvent> Events);

/// <summary>The result of <see cref="ComplaintStore.SubmitAsync"/>: the stored row, or the earlier one with the same idempotency key.</summary>
public sealed record IntakeResult(ComplaintRow Row, bool Replayed);

public sealed class ComplaintStore(NpgsqlDataSource dataSource, TransactionalOutbox outbox, ComplaintRecords records, AuditTrail audit)
{
    private const string IdempotencyConstraint = "ux_complaints_idempotency";

    internal const string Columns = """
        id, kind, regime, region_code AS RegionCode, violation_type AS ViolationType, description,
        handling_office AS HandlingOffice, handling_office_id AS HandlingOfficeId, handling_office_code AS HandlingOfficeCode,
        handling_region_code AS HandlingRegionCode, employing_region_code AS EmployingRegionCode,
        ppk_name AS PpkName, ppk_role AS PpkRole, status, received_at AS ReceivedAt, occurred_at AS OccurredAt, place,
        became_known_at AS BecameKnownAt, reported_name AS ReportedName, reported_nip AS ReportedNip,
        reported_position AS ReportedPosition, reported_agency AS ReportedAgency, reported_address AS ReportedAddress,
        evidence::text AS Evidence, signature_attested AS SignatureAttested, reporter_category AS ReporterCategory,
        reporter_identity AS ReporterIdentity, tracking_code AS TrackingCode, pin_hash AS PinHash,
        outside_election_period AS OutsideElectionPeriod, open_requirements::text AS OpenRequirements,
        registration_number AS RegistrationNumber, registration_office AS RegistrationOffice,
        registration_year AS RegistrationYear, registration_sequence AS RegistrationSequence, registered_at AS RegisteredAt,
        created_by AS CreatedBy, idempotency_key AS IdempotencyKey, request_hash AS RequestHash, version,
        details_received_at AS DetailsReceivedAt, last_changed_at AS LastChangedAt, review_extended AS ReviewExtended,
        outcome, decision_reasoning AS DecisionReasoning, decided_violation_type AS DecidedViolationType,
        decision_late AS DecisionLate, decided_at AS DecidedAt, recommendation_ref AS RecommendationRef,
        recommended_at AS RecommendedAt, verified_at AS VerifiedAt, escalation_level AS EscalationLevel,
        last_escalated_at AS LastEscalatedAt, sanction_code AS SanctionCode, sanction_level AS SanctionLevel,
        moral_sanction_codes::text AS MoralSanctionCodes, decree_ref AS DecreeRef, sanctioned_at AS SanctionedAt,
        closing_note AS ClosingNote, closed_at AS ClosedAt
        """;

    /// <summary>
    /// Stores an intake in one transaction: <paramref name="decide"/> builds the write (drawing the registration number
    /// from the scope when it registers), then the complaint, its deadlines, its audit entry and its events are written.
    /// The number comes from the office's counter row (incremented and locked until commit), so numbers are gap-free:
    /// a rolled-back intake burns none. A retried idempotency key (the UNIQUE index decides, also between racing
    /// retries) rolls everything back and returns the first complaint.
    /// </summary>
    public async Task<IntakeResult> SubmitAsync(
        string createdBy, string? idempotencyKey, Func<ITransitionScope, Task<IntakeWrite>> decide, CancellationToken cancellationToken)
    {
        IntakeWrite write;
        try
        {
            write = await outbox.InTransactionAsync(dataSource,
                (connection, transaction) => WriteIntakeAsync(connection, transaction, decide, cancellationToken), cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == IdempotencyConstraint)
        {
            var first = await FindByIdempotencyKeyAsync(createdBy, idempotencyKey!, cancellationToken)
                ?? throw new InvalidOperationException("The complaint holding the idempotency key vanished.", ex);
            return new IntakeResult(first, Replayed: true);
        }
        return new IntakeResult(write.Row, Replayed: false);
    }

    /// <summary>
    /// The transaction of <see cref="SubmitAsync"/>, rolled back at its end: the warm-up's rehearsal of intake. Every
    /// statement runs (the number's draw, the batch), so their first-call costs are paid before the service is ready;
    /// nothing stays, no number is used, and the outbox relay is not woken (nothing was committed).
    /// </summary>
    public async Task<IntakeResult> RehearseAsync(Func<ITransitionScope, Task<IntakeWrite>> decide, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var write = await WriteIntakeAsync(connection, transaction, decide, cancellationToken);
        await transaction.RollbackAsync(cancellationToken);
        return new IntakeResult(write.Row, Replayed: false);
    }

    private async Task<IntakeWrite> WriteIntakeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        Func<ITransitionScope, Task<IntakeWrite>> decide, CancellationToken cancellationToken)
    {
        var decided = await decide(new TransitionScope(connection, transaction, cancellationToken));
        await records.AppendAsync(connection, transaction, [ComplaintInsert.Command(decided.Row)], decided.Row,
            decided.Deadlines, decided.Audit, decided.Events, cancellationToken);
        return decided;
    }

    public async Task<ComplaintRow?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ComplaintRow>(new CommandDefinition(
            $"SELECT {Columns} FROM complaints WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    public async Task<ComplaintRow?> FindByIdempotencyKeyAsync(string createdBy, string key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ComplaintRow>(new CommandDefinition(
            $"SELECT {Columns} FROM complaints WHERE created_by = @createdBy AND idempotency_key = @key",
            new { createdBy, key }, cancellationToken: cancellationToken));
    }

    public async Task<ComplaintRow?> FindByTrackingCodeAsync(string compactCode, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ComplaintRow>(new CommandDefinition(
            $"SELECT {Columns} FROM complaints WHERE tracking_code = @compactCode", new { compactCode }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Stores <paramref name="replacement"/>, a new hash of the PIN just verified against <paramref name="previous"/>;
    /// a hash changed meanwhile (a concurrent read did the same) is left as it is.
    /// </summary>
    public async Task ReplacePinHashAsync(Guid id, string previous, string replacement, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE complaints SET pin_hash = @replacement WHERE id = @id AND pin_hash = @previous",
            new { id, previous, replacement }, cancellationToken: cancellationToken));
    }

    /// <summary>Records a read in the audit trail (its own short transaction).</summary>
    public async Task AuditAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await audit.AppendAsync(connection, transaction, entry, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
