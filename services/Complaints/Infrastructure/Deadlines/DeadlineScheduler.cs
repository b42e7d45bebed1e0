using System.Diagnostics.Metrics;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Messaging.Outbox;

namespace Oversight.Complaints.Infrastructure.Deadlines;

/// <summary>
/// Raises <see cref="DeadlineApproaching"/> and <see cref="DeadlineMissed"/> once per deadline. Each pass
/// claims due rows with <c>FOR UPDATE SKIP LOCKED</c> (so instances running side by side never take the
/// same row), writes the event to the outbox and marks the row in one transaction (so a crash either
/// loses both, and the next pass raises it, or keeps both). A deadline already past when first seen is
/// announced as missed only: "approaching" would no longer be true.
/// </summary>
public sealed class DeadlineScheduler(
    NpgsqlDataSource dataSource,
    TransactionalOutbox outbox,
    TimeProvider clock,
    IOptions<DeadlineOptions> options,
    ILogger<DeadlineScheduler> logger) : BackgroundService
{
    private const int BatchSize = 100;

    private static readonly Counter<long> Raised = OversightMetrics.DeadlinesRaised.CreateCounter();
    private static readonly OverdueCounts Overdue = OverdueCounts.WithGauge();

    // Complaints past an open deadline now, as ListComplaints' overdueOnly filter defines it, by who must act.
    private const string CountOverdueSql = """
        SELECT owner AS Owner, count(DISTINCT complaint_id) AS Complaints
        FROM complaint_deadlines
        WHERE closed_at IS NULL AND due_at < @now
        GROUP BY owner
        """;

    private const string ClaimApproachingSql = """
        SELECT id, complaint_id AS ComplaintId, kind, owner, region_code AS RegionCode, due_at AS DueAt, approaching_at AS ApproachingAt
        FROM complaint_deadlines
        WHERE closed_at IS NULL AND approaching_event_id IS NULL AND missed_event_id IS NULL
          AND approaching_at <= @now AND due_at > @now
        ORDER BY approaching_at
        LIMIT @BatchSize
        FOR UPDATE SKIP LOCKED
        """;

    private const string ClaimMissedSql = """
        SELECT id, complaint_id AS ComplaintId, kind, owner, region_code AS RegionCode, due_at AS DueAt, approaching_at AS ApproachingAt
        FROM complaint_deadlines
        WHERE closed_at IS NULL AND missed_event_id IS NULL AND due_at <= @now
        ORDER BY due_at
        LIMIT @BatchSize
        FOR UPDATE SKIP LOCKED
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        do
        {
            try
            {
                await RaiseDueAsync(stoppingToken);
                await CountOverdueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                // The rows stay unmarked, so the next pass raises them: late, never lost.
                logger.LogWarning("Deadline pass skipped, PostgreSQL unavailable: {Reason}", ex.Message);
            }
        }
        while (await WaitForNextPassAsync(timer, stoppingToken));
    }

    /// <summary>One pass: every deadline now approaching or missed gets its event, in batches.</summary>
    public async Task RaiseDueAsync(CancellationToken cancellationToken)
    {
        while (await RaiseBatchAsync(ClaimApproachingSql, approaching: true, cancellationToken) == BatchSize) { }
        while (await RaiseBatchAsync(ClaimMissedSql, approaching: false, cancellationToken) == BatchSize) { }
    }

    private async Task<int> RaiseBatchAsync(string claimSql, bool approaching, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await outbox.InTransactionAsync(dataSource, async (connection, transaction) =>
        {
            var claimed = (await connection.QueryAsync<ComplaintDeadline>(new CommandDefinition(
                claimSql, new { now, BatchSize }, transaction, cancellationToken: cancellationToken))).AsList();
            foreach (var deadline in claimed)
            {
                DeadlineEvent evt = approaching ? Approaching(deadline) : Missed(deadline);
                await outbox.AppendAsync(connection, transaction, evt, cancellationToken);
                var column = approaching ? "approaching_event_id" : "missed_event_id";
                await connection.ExecuteAsync(new CommandDefinition(
                    $"UPDATE complaint_deadlines SET {column} = @EventId WHERE id = @Id", new { evt.EventId, deadline.Id }, transaction, cancellationToken: cancellationToken));
            }
            return claimed;
        }, cancellationToken);
        if (due.Count > 0)
        {
            Raised.Add(due.Count, new KeyValuePair<string, object?>("event", approaching ? "approaching" : "missed"));
            logger.LogInformation("Raised {Count} deadline {Event} events", due.Count, approaching ? "approaching" : "missed");
        }
        return due.Count;
    }

    /// <summary>Counts the complaints overdue now for the <see cref="OversightMetrics.ComplaintsOverdue"/> gauge.</summary>
    public async Task CountOverdueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Owner, long Complaints)>(new CommandDefinition(
            CountOverdueSql, new { now = clock.GetUtcNow() }, cancellationToken: cancellationToken));
        Overdue.Set(rows);
    }

    private static DeadlineApproaching Approaching(ComplaintDeadline d) => new()
    {
        ComplaintId = d.ComplaintId, DeadlineId = d.Id, Kind = d.Kind, Owner = d.Owner, DueAt = d.DueAt, RegionCode = d.RegionCode,
    };

    private static DeadlineMissed Missed(ComplaintDeadline d) => new()
    {
        ComplaintId = d.ComplaintId, DeadlineId = d.Id, Kind = d.Kind, Owner = d.Owner, DueAt = d.DueAt, RegionCode = d.RegionCode,
    };

    private static async Task<bool> WaitForNextPassAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
