using Dapper;
using Npgsql;
using NpgsqlTypes;
using Oversight.Notifications.Model.Deliveries;

namespace Oversight.Notifications.Infrastructure.Deliveries;

/// <summary>The deliveries table: planned rows in, leased attempts out, outcomes and the attempt log back.</summary>
public sealed class DeliveryStore(NpgsqlDataSource dataSource)
{
    private const string RowColumns = """
        d.id, d.event_id AS EventId, d.event_type AS EventType, d.complaint_id AS ComplaintId, d.region_code AS RegionCode,
        d.channel, d.recipient, d.recipient_kind AS RecipientKind, d.office_id AS OfficeId, d.subscription_id AS SubscriptionId,
        d.status, d.attempts, d.last_error AS LastError, d.created_at AS CreatedAt, d.next_attempt_at AS NextAttemptAt,
        s.url
        """;
    private const string SelectRows = $"SELECT {RowColumns} FROM deliveries d LEFT JOIN webhook_subscriptions s ON s.id = d.subscription_id";

    /// <summary>Whether this event was already turned into deliveries.</summary>
    public async Task<bool> IsPlannedAsync(Guid eventId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM planned_events WHERE event_id = @eventId)", new { eventId }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Stores the event's deliveries and marks the event planned, in one statement (so atomically, and in one round trip
    /// however many recipients); a (event, recipient, channel) already stored is skipped: that unique key is what keeps
    /// a redelivered event from sending twice. Returns how many rows are new.
    /// </summary>
    public async Task<int> AddPlanAsync(EventFacts facts, IReadOnlyList<PlannedDelivery> deliveries, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("""
            WITH added AS (
                INSERT INTO deliveries (event_id, event_type, complaint_id, region_code, channel, recipient, recipient_kind,
                                        office_id, subscription_id, payload, traceparent)
                SELECT @EventId, @EventType, @ComplaintId, @RegionCode, p.channel, p.recipient, p.recipient_kind,
                       p.office_id, p.subscription_id::uuid, p.payload, @Traceparent
                FROM unnest(@channels, @recipients, @kinds, @officeIds, @subscriptionIds, @payloads)
                     AS p (channel, recipient, recipient_kind, office_id, subscription_id, payload)
                ON CONFLICT (event_id, recipient, channel) DO NOTHING
                RETURNING 1),
            planned AS (
                INSERT INTO planned_events (event_id, event_type) VALUES (@EventId, @EventType) ON CONFLICT (event_id) DO NOTHING)
            SELECT count(*)::int FROM added
            """, new
        {
            facts.EventId, facts.EventType, facts.ComplaintId, facts.RegionCode, facts.Traceparent,
            channels = deliveries.Select(d => d.Channel).ToArray(),
            recipients = deliveries.Select(d => d.Recipient).ToArray(),
            kinds = deliveries.Select(d => d.RecipientKind).ToArray(),
            officeIds = deliveries.Select(d => d.OfficeId).ToArray(),
            // As text: a uuid array with empty places is what Npgsql is least sure how to send.
            subscriptionIds = deliveries.Select(d => d.SubscriptionId?.ToString()).ToArray(),
            payloads = deliveries.Select(d => d.Payload).ToArray(),
        }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Leases up to <paramref name="batch"/> due deliveries for one attempt each (SKIP LOCKED: replicas share the
    /// work). A worker that dies mid-attempt loses its lease when <paramref name="lease"/> ends, and the row is tried
    /// again: at least once, never lost.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimDueAsync(int batch, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ClaimedDelivery>(new CommandDefinition("""
            WITH due AS (
                SELECT id FROM deliveries
                WHERE status = 'pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
                ORDER BY next_attempt_at
                LIMIT @batch
                FOR UPDATE SKIP LOCKED)
            UPDATE deliveries d SET locked_until = now() + @lease, attempts = d.attempts + 1
            FROM due WHERE d.id = due.id
            RETURNING d.id, d.event_id AS EventId, d.event_type AS EventType, d.channel, d.recipient, d.recipient_kind AS RecipientKind,
                d.subscription_id AS SubscriptionId, d.payload, d.attempts, d.traceparent,
                (SELECT s.url FROM webhook_subscriptions s WHERE s.id = d.subscription_id AND s.deleted_at IS NULL) AS url,
                (SELECT s.secret FROM webhook_subscriptions s WHERE s.id = d.subscription_id AND s.deleted_at IS NULL) AS secret
            """, new { batch, lease }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>
    /// Records a batch of attempts and moves each delivery on: sent, retried at its retry time, or dead when it has none.
    /// One transaction and one round trip for the whole batch (issue 19: a commit per attempt cost more than the sends).
    /// </summary>
    public async Task CompleteAttemptsAsync(IReadOnlyList<CompletedAttempt> attempts, CancellationToken cancellationToken)
    {
        if (attempts.Count == 0) return;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var attempt in attempts)
        {
            var status = attempt.Result.Succeeded ? DeliveryStatus.Sent : attempt.RetryAt is null ? DeliveryStatus.Dead : DeliveryStatus.Pending;
            batch.BatchCommands.Add(Command("""
                UPDATE deliveries SET status = $1, locked_until = NULL,
                    sent_at = CASE WHEN $1 = 'sent' THEN now() ELSE sent_at END,
                    last_error = CASE WHEN $1 = 'sent' THEN NULL ELSE $2 END,
                    next_attempt_at = COALESCE($3, next_attempt_at)
                WHERE id = $4
                """, Text(status), Text(attempt.Result.Detail),
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)attempt.RetryAt ?? DBNull.Value },
                new NpgsqlParameter<long> { TypedValue = attempt.Delivery.Id }));
            batch.BatchCommands.Add(Command("""
                INSERT INTO delivery_attempts (delivery_id, attempt, outcome, latency_ms, trace_id, detail)
                VALUES ($1, $2, $3, $4, $5, $6)
                """, new NpgsqlParameter<long> { TypedValue = attempt.Delivery.Id }, new NpgsqlParameter<int> { TypedValue = attempt.Delivery.Attempts },
                Text(attempt.Result.Outcome), new NpgsqlParameter<long> { TypedValue = attempt.Result.LatencyMs }, Text(attempt.TraceId),
                Text(attempt.Result.Detail)));
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    /// <summary>A delivery whose subscription is gone: nothing to send it to.</summary>
    public async Task CancelAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE deliveries SET status = 'cancelled', locked_until = NULL WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<DeliveryRow>> ForComplaintAsync(Guid complaintId, CancellationToken cancellationToken) =>
        await QueryRowsAsync("WHERE d.complaint_id = @complaintId ORDER BY d.id", new { complaintId }, cancellationToken);

    public async Task<IReadOnlyList<DeliveryRow>> DeadLettersAsync(int limit, CancellationToken cancellationToken) =>
        await QueryRowsAsync("WHERE d.status = 'dead' ORDER BY d.id DESC LIMIT @limit", new { limit }, cancellationToken);

    public async Task<DeliveryRow?> FindAsync(long id, CancellationToken cancellationToken) =>
        (await QueryRowsAsync("WHERE d.id = @id", new { id }, cancellationToken)).FirstOrDefault();

    /// <summary>
    /// Puts a dead letter back for a fresh series of attempts and returns it as put back; null when it is not (or no
    /// longer) dead. Read in the update's transaction: once committed the worker may deliver it at once, and the
    /// answer must still say what the redelivery did (pending), not what the worker did since.
    /// </summary>
    public async Task<DeliveryRow?> RedeliverAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = now(), locked_until = NULL
            WHERE id = @id AND status = 'dead'
            """, new { id }, transaction, cancellationToken: cancellationToken));
        if (updated != 1) return null;
        var row = await connection.QuerySingleAsync<DeliveryRow>(new CommandDefinition(
            $"{SelectRows} WHERE d.id = @id",
            new { id }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return row;
    }

    /// <summary>The attempt log for a complaint, an office or a subscription (the one filter given), newest first.</summary>
    public async Task<IReadOnlyList<AttemptRow>> AttemptsAsync(Guid? complaintId, string? officeId, Guid? subscriptionId, int limit,
        CancellationToken cancellationToken)
    {
        var filter = complaintId is not null ? "d.complaint_id = @complaintId"
            : officeId is not null ? "d.office_id = @officeId"
            : "d.subscription_id = @subscriptionId";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<AttemptRow>(new CommandDefinition($"""
            SELECT a.delivery_id AS DeliveryId, a.attempt, d.channel, d.recipient, d.recipient_kind AS RecipientKind, s.url,
                   a.outcome, a.latency_ms AS LatencyMs, a.trace_id AS TraceId, a.detail, a.attempted_at AS AttemptedAt,
                   d.event_type AS EventType, d.complaint_id AS ComplaintId, d.region_code AS RegionCode
            FROM delivery_attempts a
            JOIN deliveries d ON d.id = a.delivery_id
            LEFT JOIN webhook_subscriptions s ON s.id = d.subscription_id
            WHERE {filter}
            ORDER BY a.id DESC
            LIMIT @limit
            """, new { complaintId, officeId, subscriptionId, limit }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    private async Task<IReadOnlyList<DeliveryRow>> QueryRowsAsync(string where, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<DeliveryRow>(new CommandDefinition(
            $"{SelectRows} {where}",
            parameters, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
