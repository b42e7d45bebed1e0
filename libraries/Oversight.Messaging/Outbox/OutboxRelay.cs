using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Dapper;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Oversight.Contracts;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.PrivateMessages;

namespace Oversight.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows to RabbitMQ in id order, marking each published only after the
/// broker confirmed it; with several instances of a service, one batch at a time (<see cref="OneBatchAtATimeSql"/>). A row that fails stays unpublished and is retried: at-least-once, never skipped.
/// Published rows are kept for <see cref="OutboxOptions.Retention"/> (to answer "was it sent?") and then deleted.
/// </summary>
internal sealed class OutboxRelay(
    NpgsqlDataSource dataSource,
    IBus bus,
    OutboxSignal signal,
    OutboxBacklog backlog,
    IOptions<OutboxOptions> options,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private DateTimeOffset _nextPurge = DateTimeOffset.MinValue;

    private const int BatchSize = 100;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    // A publish waiting for a broker that is down must not hold the row locks forever.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);

    // One batch at a time per database, whichever instance runs it. With replicas, two relays' batches side by side
    // could publish a complaint's later event while the other relay still held its earlier one, breaking the order
    // docs/events.md promises. The lock ends with the batch's transaction; a relay that finds it taken waits for that
    // batch to end and then takes what is left. (The key is this lock's own number; advisory locks are per database.)
    private const string OneBatchAtATimeSql = "SET LOCAL lock_timeout = '30s'; SELECT pg_advisory_xact_lock(4815162342000001)";
    private const string LockNotAvailable = "55P03";

    private const string CountBacklogSql = "SELECT count(*) FROM outbox_messages WHERE published_at IS NULL";

    private const string SelectBatchSql = """
        SELECT id, event_id AS EventId, event_type AS EventType, payload::text AS Payload, traceparent, tracestate
        FROM outbox_messages
        WHERE published_at IS NULL
        ORDER BY id
        LIMIT @BatchSize
        FOR UPDATE SKIP LOCKED
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RelayBatchesAsync(stoppingToken);
                backlog.RelaySucceeded();
                backoff = TimeSpan.Zero;
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(250) : Min(backoff * 2, MaxBackoff);
                logger.LogWarning("Outbox relay could not publish, retrying in {Backoff}: {Reason}", backoff, ex.Message);
                backlog.RelayFailed(ex.Message);
                try
                {
                    await Task.Delay(backoff, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task RelayBatchesAsync(CancellationToken stoppingToken)
    {
        while (await RelayBatchAsync(stoppingToken) == BatchSize)
        {
            // A full batch means more may be waiting; keep going without sleeping.
        }
        await UpdateBacklogAsync(stoppingToken);
        await PurgePublishedAsync(stoppingToken);
    }

    private async Task<int> RelayBatchAsync(CancellationToken stoppingToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        await using var transaction = await connection.BeginTransactionAsync(stoppingToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(OneBatchAtATimeSql, transaction: transaction, cancellationToken: stoppingToken));
        }
        catch (PostgresException ex) when (ex.SqlState == LockNotAvailable)
        {
            // Another instance's batch has run for 30 s (a broker that does not answer): it owns what it took, and
            // this relay tries again at its next wake-up.
            logger.LogDebug("Outbox: another instance's relay is still publishing; trying again later");
            return 0;
        }
        var messages = (await connection.QueryAsync<OutboxMessage>(
            new CommandDefinition(SelectBatchSql, new { BatchSize }, transaction, cancellationToken: stoppingToken))).AsList();

        var (confirmed, failure) = await PublishAllAsync(messages, stoppingToken);
        if (confirmed.Count > 0)
        {
            // A private message carries personal data: its payload is gone as soon as the broker has it, not kept for the
            // retention period. The row stays, emptied, so the table remains the record of everything published, in
            // order (a regional site reads its link's oldest waiting message from it: SiteLinkMonitor).
            var emptied = confirmed.Where(message => PrivateMessageTypes.IsPrivate(message.EventType)).Select(message => message.Id).ToArray();
            var marked = confirmed.Where(message => !PrivateMessageTypes.IsPrivate(message.EventType)).Select(message => message.Id).ToArray();
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE outbox_messages SET payload = '{}', traceparent = NULL, tracestate = NULL, published_at = now() WHERE id = ANY(@emptied); "
                + "UPDATE outbox_messages SET published_at = now() WHERE id = ANY(@marked)",
                new { emptied, marked }, transaction, cancellationToken: CancellationToken.None));
        }

        // Not cancellable: rows the broker already confirmed should be marked even while shutting down.
        await transaction.CommitAsync(CancellationToken.None);
        if (failure is not null)
        {
            // The broker failed, not the database: count what now waits, so that the backlog (gauge, /health, the
            // dashboard's "Show outbox backlog") grows during an outage instead of showing the last good round's figure.
            await CountBacklogAsync(connection, stoppingToken);
            ExceptionDispatchInfo.Throw(failure);
        }
        return messages.Count;
    }

    /// <summary>
    /// Hands the batch to the broker without awaiting each confirm before the next publish, which made the relay one
    /// broker round trip per event, slower than intake commits (issue 19). Events of one complaint (an integration event's
    /// <see cref="IntegrationEvent.AboutComplaint"/>, a private message's complaint) are published one after the other,
    /// in id order, each after the previous one's confirm; events of different complaints go out side by side, and all
    /// events without a complaint form one chain of their own. (Side by side, a later publish can overtake an earlier one,
    /// e.g. while MassTransit declares a new exchange.) Returns the messages the broker confirmed, in id order, and the
    /// first failure: a chain stops at its failure, so the rest of that complaint's events wait for the next round, still
    /// in order.
    /// </summary>
    private async Task<(List<OutboxMessage> Confirmed, Exception? Failure)> PublishAllAsync(
        IReadOnlyList<OutboxMessage> messages, CancellationToken stoppingToken)
    {
        if (messages.Count == 0) return ([], null);
        var confirmed = new bool[messages.Count];
        Exception? failure = null;
        backlog.PublishStarted();
        try
        {
            var chains = messages.Select((message, index) => Outgoing.Read(message, index)).GroupBy(outgoing => outgoing.OrderingKey);
            await Task.WhenAll(chains.Select(async chain =>
            {
                foreach (var outgoing in chain)
                {
                    try
                    {
                        await PublishAsync(outgoing, stoppingToken);
                        confirmed[outgoing.Index] = true;
                    }
                    catch (Exception ex)
                    {
                        // While shutting down a cancelled publish is no failure: what was confirmed is still marked,
                        // the rest goes out after the restart.
                        if (!stoppingToken.IsCancellationRequested) Interlocked.CompareExchange(ref failure, ex, null);
                        return;
                    }
                }
            }));
        }
        finally
        {
            backlog.PublishEnded();
        }
        return (messages.Where((_, index) => confirmed[index]).ToList(), failure);
    }

    /// <summary>A row of the batch at <see cref="Index"/>, its payload read once: the event, or why it could not be read.</summary>
    private sealed record Outgoing(OutboxMessage Row, int Index, object? Event, Exception? Unreadable)
    {
        public static Outgoing Read(OutboxMessage row, int index)
        {
            try
            {
                return new Outgoing(row, index, OutboxPayload.Deserialize(row.EventType, row.Payload), null);
            }
            catch (Exception ex)
            {
                // Not thrown here: the row fails in its chain when its turn comes, like a publish the broker refused.
                return new Outgoing(row, index, null, ex);
            }
        }

        /// <summary>The complaint the event belongs to, or "" for the chain of all others (and of rows that cannot be read).</summary>
        public string OrderingKey => Event switch
        {
            IntegrationEvent integrationEvent when integrationEvent.AboutComplaint() is { } complaintId => complaintId.ToString(),
            // A private message goes in its complaint's chain too: the status notice after the event it reports.
            ReporterStatusNotice notice => notice.ComplaintId.ToString(),
            _ => "",
        };
    }

    private async Task PublishAsync(Outgoing outgoing, CancellationToken stoppingToken)
    {
        if (outgoing.Event is not { } evt)
        {
            ExceptionDispatchInfo.Throw(outgoing.Unreadable!);
            return;
        }
        var message = outgoing.Row;
        ActivityContext.TryParse(message.Traceparent, message.Tracestate, out var parent);
        using var activity = OversightTelemetry.ActivitySource.StartActivity(
            $"outbox publish {message.EventType}", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", message.EventId.ToString());

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(PublishTimeout);
        try
        {
            // MassTransit completes this only once RabbitMQ confirmed the message. It propagates its own
            // MT-Activity-Id; integrators expect the W3C headers, so they are set here explicitly.
            var traceparent = activity?.Id ?? message.Traceparent;
            var tracestate = activity?.TraceStateString ?? message.Tracestate;
            // WaitAsync: the timeout holds even where MassTransit does not observe the token. A publish caught while
            // its connection was being recovered after a broker restart never completed, and held the relay (and every
            // event behind it) for minutes (OutageTests in the full suite).
            await bus.Publish(evt, evt.GetType(), Pipe.Execute<PublishContext>(context =>
            {
                // The type's stable name: a regional site's messages are routed by it at the centre (docs/architecture.md, "Regional sites").
                context.Headers.Set(EventHeaders.Type, message.EventType);
                if (traceparent is not null) context.Headers.Set("traceparent", traceparent);
                if (tracestate is not null) context.Headers.Set("tracestate", tracestate);
            }), timeout.Token).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "publish timed out");
            throw new TimeoutException($"RabbitMQ did not confirm {message.EventType} within {PublishTimeout.TotalSeconds:0} s.");
        }
    }

    private async Task UpdateBacklogAsync(CancellationToken stoppingToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        backlog.Set(await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountBacklogSql, cancellationToken: stoppingToken)));
    }

    // Best effort, on the batch's connection after its commit: a failure here must not hide the publish failure.
    private async Task CountBacklogAsync(NpgsqlConnection connection, CancellationToken stoppingToken)
    {
        try
        {
            backlog.Set(await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountBacklogSql, cancellationToken: stoppingToken)));
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            logger.LogDebug("Outbox: could not count the backlog after a failed publish: {Reason}", ex.Message);
        }
    }

    // At most once a minute: the delete is cheap but need not run on every wake-up.
    private async Task PurgePublishedAsync(CancellationToken stoppingToken)
    {
        if (DateTimeOffset.UtcNow < _nextPurge) return;
        _nextPurge = DateTimeOffset.UtcNow.AddMinutes(1);
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        var purged = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM outbox_messages WHERE published_at < now() - @Retention",
            new { options.Value.Retention }, cancellationToken: stoppingToken));
        if (purged > 0) logger.LogInformation("Outbox: deleted {Count} messages published more than {Retention} ago", purged, options.Value.Retention);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
