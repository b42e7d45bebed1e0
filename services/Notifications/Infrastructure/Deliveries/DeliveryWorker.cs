using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using Oversight.Notifications.Infrastructure.Email;
using Oversight.Notifications.Infrastructure.Webhooks;
using Oversight.Notifications.Model.Deliveries;

namespace Oversight.Notifications.Infrastructure.Deliveries;

/// <summary>
/// Drives the deliveries table: leases due rows, makes one attempt each (bounded by the attempt timeout), records
/// the attempt in the log, and schedules the next try with backoff and jitter, or parks the row as a dead letter
/// after the last. Everything it needs is in PostgreSQL, so a restart loses nothing.
/// </summary>
public sealed class DeliveryWorker(
    DeliveryStore store,
    EmailDeliverySender email,
    WebhookDeliverySender webhooks,
    DeliverySignal signal,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await RunOnceAsync(settings, stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Delivery worker paused, notifications database unavailable: {Reason}", ex.GetType().Name);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            // A full batch means more may be due: go again without waiting.
            if (claimed < settings.BatchSize)
            {
                try
                {
                    await signal.WaitAsync(settings.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<int> RunOnceAsync(DeliveryOptions settings, CancellationToken stoppingToken)
    {
        // The lease outlives the attempt's timeout, so a live worker never loses a row it is still sending.
        var due = await store.ClaimDueAsync(settings.BatchSize, settings.AttemptTimeout + TimeSpan.FromSeconds(30), stoppingToken);
        var attempts = await Task.WhenAll(due.Select(delivery => AttemptAsync(delivery, settings, stoppingToken)));
        // The batch's outcomes in one transaction. A crash before it commits leaves the rows leased and pending, so they
        // are sent again when the lease runs out: at least once, as before, only over a batch instead of one row.
        var completed = attempts.OfType<CompletedAttempt>().ToList();
        await store.CompleteAttemptsAsync(completed, CancellationToken.None);
        foreach (var attempt in completed) LogOutcome(attempt);
        return due.Count;
    }

    /// <summary>One attempt; null when there is nothing to record (a cancelled webhook, or shutting down mid-send).</summary>
    private async Task<CompletedAttempt?> AttemptAsync(ClaimedDelivery delivery, DeliveryOptions settings, CancellationToken stoppingToken)
    {
        if (delivery.Channel == Channels.Webhook && delivery.Url is null)
        {
            await store.CancelAsync(delivery.Id, stoppingToken);
            return null;
        }

        ActivityContext.TryParse(delivery.Traceparent, null, out var parent);
        using var activity = OversightTelemetry.ActivitySource.StartActivity("notification deliver", ActivityKind.Client, parent);
        activity?.SetTag("notification.channel", delivery.Channel);
        activity?.SetTag("notification.event_type", delivery.EventType);
        activity?.SetTag("notification.delivery_id", delivery.Id);
        activity?.SetTag("notification.attempt", delivery.Attempts);

        using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        attemptTimeout.CancelAfter(settings.AttemptTimeout);
        var started = Stopwatch.GetTimestamp();
        AttemptResult result;
        try
        {
            var detail = delivery.Channel == Channels.Email
                ? await email.SendAsync(delivery, attemptTimeout.Token)
                : await webhooks.SendAsync(delivery, attemptTimeout.Token);
            result = new AttemptResult("sent", detail, Elapsed(started));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down mid-send: the lease runs out and the row is tried again after the restart.
            return null;
        }
        catch (OperationCanceledException)
        {
            result = new AttemptResult("timeout", $"no answer within {settings.AttemptTimeout.TotalSeconds:0.###} s", Elapsed(started));
        }
        catch (Exception ex)
        {
            result = new AttemptResult("failed", Describe(ex), Elapsed(started));
        }

        if (delivery.RecipientKind == RecipientKinds.Personal)
        {
            result = result with { Detail = RecipientMask.Scrub(result.Detail, delivery.Recipient) };
        }
        var retryAt = result.Succeeded || delivery.Attempts >= settings.MaxAttempts
            ? (DateTimeOffset?)null
            : time.GetUtcNow() + RetrySchedule.DelayAfter(delivery.Attempts, settings.BaseDelay, settings.MaxDelay, Random.Shared);
        activity?.SetTag("notification.outcome", result.Outcome);
        if (!result.Succeeded) activity?.SetStatus(ActivityStatusCode.Error, result.Outcome);

        return new CompletedAttempt(delivery, result, retryAt, activity?.TraceId.ToHexString() ?? parent.TraceId.ToHexString());
    }

    // No recipient in the log line: the delivery id finds it, and a personal address must never be logged.
    private void LogOutcome(CompletedAttempt attempt)
    {
        var (delivery, result, retryAt) = (attempt.Delivery, attempt.Result, attempt.RetryAt);
        if (result.Succeeded)
        {
            // Debug: a line per delivery sent is a hot path's cost (issue 19); the attempt log in PostgreSQL keeps it.
            logger.LogDebug("Delivery {DeliveryId} ({Channel}, {EventType}) sent on attempt {Attempt} in {LatencyMs} ms",
                delivery.Id, delivery.Channel, delivery.EventType, delivery.Attempts, result.LatencyMs);
        }
        else if (retryAt is null)
        {
            logger.LogWarning("Delivery {DeliveryId} ({Channel}, {EventType}) is a dead letter after attempt {Attempt}: {Outcome} {Detail}",
                delivery.Id, delivery.Channel, delivery.EventType, delivery.Attempts, result.Outcome, result.Detail);
        }
        else
        {
            logger.LogInformation("Delivery {DeliveryId} ({Channel}, {EventType}) attempt {Attempt} {Outcome} ({Detail}); next try at {RetryAt:O}",
                delivery.Id, delivery.Channel, delivery.EventType, delivery.Attempts, result.Outcome, result.Detail, retryAt);
        }
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    // The kind of failure and the server's own words (an SMTP reply, a socket error), bounded in length.
    private static string Describe(Exception ex)
    {
        var text = ex is WebhookRejectedException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
        return text.Length <= 300 ? text : text[..300];
    }
}
