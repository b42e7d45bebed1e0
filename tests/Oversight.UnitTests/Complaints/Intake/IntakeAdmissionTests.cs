using System.Threading.RateLimiting;
using Microsoft.Extensions.Configuration;
using Oversight.Complaints.Extensions;
using Oversight.Complaints.Grpc.Admission;
using Oversight.Harness;

namespace Oversight.UnitTests.Complaints.IntakeApi;

/// <summary>The admission limit's settings (checked at start, each problem naming its key) and its queue timeout.</summary>
public sealed class IntakeAdmissionTests
{
    [Fact]
    public void The_defaults_are_usable()
    {
        Assert.Empty(IntakeAdmission.Problems(new IntakeAdmissionOptions()));
    }

    [Theory]
    [InlineData(0, 64, 2, "Complaints:Admission:MaxInFlight")]
    [InlineData(-3, 64, 2, "Complaints:Admission:MaxInFlight")]
    [InlineData(32, -1, 2, "Complaints:Admission:MaxQueued")]
    [InlineData(32, 64, 0, "Complaints:Admission:MaxQueueWait")]
    public void A_bad_setting_is_refused_naming_its_key(int maxInFlight, int maxQueued, int maxQueueWaitSeconds, string key)
    {
        var problems = IntakeAdmission.Problems(new IntakeAdmissionOptions
        {
            MaxInFlight = maxInFlight,
            MaxQueued = maxQueued,
            MaxQueueWait = TimeSpan.FromSeconds(maxQueueWaitSeconds),
        });

        Assert.Contains(problems, problem => problem.StartsWith(key + " must be", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_queue_is_allowed()
    {
        Assert.Empty(IntakeAdmission.Problems(new IntakeAdmissionOptions { MaxInFlight = 1, MaxQueued = 0 }));
    }

    [Fact]
    public void Settings_are_read_from_configuration_and_a_bad_one_stops_the_start()
    {
        var good = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Complaints:Admission:MaxInFlight"] = "8",
            ["Complaints:Admission:MaxQueued"] = "16",
            ["Complaints:Admission:MaxQueueWait"] = "00:00:00.500",
        }).Build();
        var read = IntakeAdmission.Read(good);
        Assert.Equal((8, 16, TimeSpan.FromMilliseconds(500)), (read.MaxInFlight, read.MaxQueued, read.MaxQueueWait));

        var bad = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Complaints:Admission:MaxInFlight"] = "0",
        }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => IntakeAdmission.Read(bad));
        Assert.Contains("Complaints:Admission:MaxInFlight", error.Message);
    }

    [Fact]
    public async Task A_queued_request_gives_up_after_the_maximum_wait_with_a_reason()
    {
        using var limiter = Limiter(maxQueued: 1, TimeSpan.FromMilliseconds(50));
        using var held = await limiter.AcquireAsync();
        Assert.True(held.IsAcquired);

        using var refused = await limiter.AcquireAsync();

        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.ReasonPhrase, out var reason));
        Assert.Equal(QueueTimeoutLimiter.WaitedTooLong, reason);
        // The request that gave up left the queue: the next one may wait in it. ConcurrencyLimiter completes the
        // cancelled wait before it lowers its queue count, so the count may lag the refusal by a moment.
        var queued = await Eventually.HoldsAsync(() => Task.FromResult(limiter.GetStatistics()!.CurrentQueuedCount), n => n == 0,
            TimeSpan.FromSeconds(5), "the admission queue empty after the request gave up");
        Assert.Equal(0, queued);
    }

    [Fact]
    public async Task A_queued_request_gets_the_slot_freed_while_it_waits()
    {
        using var limiter = Limiter(maxQueued: 1, TimeSpan.FromMinutes(1));
        var held = await limiter.AcquireAsync();
        var waiting = limiter.AcquireAsync();
        Assert.False(waiting.IsCompleted);

        held.Dispose();

        using var lease = await waiting;
        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public async Task Beyond_the_queue_a_request_is_refused_at_once()
    {
        using var limiter = Limiter(maxQueued: 0, TimeSpan.FromMinutes(1));
        using var held = await limiter.AcquireAsync();

        var refused = limiter.AcquireAsync();

        Assert.True(refused.IsCompleted);
        Assert.False((await refused).IsAcquired);
    }

    [Fact]
    public async Task A_request_its_caller_cancels_still_throws()
    {
        using var limiter = Limiter(maxQueued: 1, TimeSpan.FromMinutes(1));
        using var held = await limiter.AcquireAsync();
        using var caller = new CancellationTokenSource();
        var waiting = limiter.AcquireAsync(1, caller.Token);

        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await waiting);
    }

    private static QueueTimeoutLimiter Limiter(int maxQueued, TimeSpan maxQueueWait) => (QueueTimeoutLimiter)IntakeAdmission.CreateLimiter(
        new IntakeAdmissionOptions { MaxInFlight = 1, MaxQueued = maxQueued, MaxQueueWait = maxQueueWait });
}

/// <summary>The per-client window and the admission limit together: one window permit per call, busy or not.</summary>
public sealed class IntakeLimiterChainTests
{
    [Fact]
    public async Task A_call_that_finds_every_slot_taken_uses_one_window_permit_not_two()
    {
        using var chain = Chain(permitsPerMinute: 3, maxQueued: 1);
        using var first = await AcquireAsTheMiddlewareDoesAsync(chain);
        Assert.True(first.IsAcquired);

        // The slot is taken: the attempt fails and the call queues, having used one permit of the window.
        var queued = AcquireAsTheMiddlewareDoesAsync(chain);
        Assert.False(queued.IsCompleted);
        first.Dispose();
        using (var second = await queued) Assert.True(second.IsAcquired);

        // Two permits used so far, so exactly one is left.
        using (var third = await AcquireAsTheMiddlewareDoesAsync(chain)) Assert.True(third.IsAcquired);
        using var fourth = await AcquireAsTheMiddlewareDoesAsync(chain);
        Assert.False(fourth.IsAcquired);
        Assert.True(fourth.TryGetMetadata(MetadataName.RetryAfter, out _));
    }

    [Fact]
    public async Task A_client_over_its_window_is_refused_with_a_retry_hint_without_queueing()
    {
        using var chain = Chain(permitsPerMinute: 1, maxQueued: 1);
        using var first = await AcquireAsTheMiddlewareDoesAsync(chain);

        var refused = AcquireAsTheMiddlewareDoesAsync(chain);

        Assert.True(refused.IsCompleted);
        using var lease = await refused;
        Assert.False(lease.IsAcquired);
        Assert.True(lease.TryGetMetadata(MetadataName.RetryAfter, out _));
    }

    [Fact]
    public async Task A_busy_refusal_has_no_window_retry_hint()
    {
        using var chain = Chain(permitsPerMinute: 100, maxQueued: 0);
        using var first = await AcquireAsTheMiddlewareDoesAsync(chain);

        using var refused = await AcquireAsTheMiddlewareDoesAsync(chain);

        Assert.False(refused.IsAcquired);
        Assert.False(refused.TryGetMetadata(MetadataName.RetryAfter, out _));
    }

    // As the ASP.NET Core rate-limiting middleware: an attempt, then a wait when the attempt fails.
    private static async Task<RateLimitLease> AcquireAsTheMiddlewareDoesAsync(PartitionedRateLimiter<string> chain)
    {
        var lease = chain.AttemptAcquire("desk");
        if (lease.IsAcquired) return lease;
        lease.Dispose();
        return await chain.AcquireAsync("desk");
    }

    private static IntakeLimiterChain<string> Chain(int permitsPerMinute, int maxQueued) => new(
        PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        })),
        PartitionedRateLimiter.Create<string, string>(_ => RateLimitPartition.Get("intake", _ => IntakeAdmission.CreateLimiter(
            new IntakeAdmissionOptions { MaxInFlight = 1, MaxQueued = maxQueued }))));
}
