using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Oversight.Contracts.Complaints;
using static Oversight.Contracts.Complaints.Complaints;

namespace Oversight.FaultTests.Load;

/// <summary>A submission the service answered OK: the complaint it names and the key it was sent with.</summary>
public sealed record AcknowledgedSubmission(string IdempotencyKey, string ComplaintId, string RegionCode, int Attempts, double AnsweredAtSeconds);

/// <summary>One failed call of the load: its status, when (seconds into the run) and the detail, for the report.</summary>
public sealed record FailedCall(StatusCode Status, double AtSeconds, string Detail);

/// <summary>
/// A steady stream of submissions from several intake desks, as offices send them: each submission has its own
/// idempotency key, and a call that fails with Unavailable or DeadlineExceeded (or ResourceExhausted) is retried
/// with the SAME key for a bounded time. Every OK answer is recorded with its key; every failed call with its status.
/// </summary>
public sealed class IntakeLoad(ComplaintsClient client, IReadOnlyList<IntakeDesk> desks, Stopwatch clock)
{
    /// <summary>How long one submission is retried before the desk gives up on it.</summary>
    public static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(45);

    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PauseBetweenSubmissions = TimeSpan.FromMilliseconds(150);

    public ConcurrentBag<AcknowledgedSubmission> Acknowledged { get; } = [];

    public ConcurrentBag<FailedCall> Failures { get; } = [];

    /// <summary>Keys the desks gave up on (still failing after <see cref="RetryFor"/>): stored or not, nobody was told.</summary>
    public ConcurrentBag<string> GivenUp { get; } = [];

    /// <summary>Keys of every submission started (a key is sent at least once before it lands here).</summary>
    public ConcurrentBag<string> Sent { get; } = [];

    /// <summary>Runs one worker per desk until <paramref name="stop"/> is cancelled; a submission in retry finishes its retries.</summary>
    public Task RunAsync(CancellationToken stop) => Task.WhenAll(desks.Select(desk => Task.Run(() => DeskAsync(desk, stop))));

    private async Task DeskAsync(IntakeDesk desk, CancellationToken stop)
    {
        var sequence = 0;
        while (!stop.IsCancellationRequested)
        {
            var key = $"fault-{desk.RegionCode}-{sequence++}-{Guid.NewGuid():N}";
            Sent.Add(key);
            await SubmitWithRetriesAsync(desk, key, ComplaintSubmission.Temuan(desk.RegionCode) with { ViolationType = 1 + sequence % 12, IdempotencyKey = key });
            try
            {
                await Task.Delay(PauseBetweenSubmissions, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SubmitWithRetriesAsync(IntakeDesk desk, string key, SubmitComplaintRequest request)
    {
        var giveUpAt = clock.Elapsed + RetryFor;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var reply = await client.SubmitComplaintAsync(request, desk.Headers, deadline: DateTime.UtcNow + CallDeadline);
                Acknowledged.Add(new AcknowledgedSubmission(key, reply.ComplaintId, desk.RegionCode, attempt, clock.Elapsed.TotalSeconds));
                return;
            }
            catch (RpcException ex)
            {
                Failures.Add(new FailedCall(ex.StatusCode, clock.Elapsed.TotalSeconds, ex.Status.Detail));
                var retriable = ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted;
                if (!retriable || clock.Elapsed > giveUpAt)
                {
                    GivenUp.Add(key);
                    return;
                }
            }
            // A short, growing pause: offices retry, they do not hammer.
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 200 * attempt)));
        }
    }
}
