using Oversight.ServiceDefaults.Caching;

namespace Oversight.UnitTests.ServiceDefaults;

/// <summary>One look-up per key at a time; the others wait for it and are told they did not run it.</summary>
public sealed class LookupsUnderWayTests
{
    [Fact]
    public async Task Callers_of_a_key_under_way_wait_for_the_one_lookup_and_another_key_runs_its_own()
    {
        var lookups = new LookupsUnderWay<string>();
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        Task<string> Lookup() { Interlocked.Increment(ref runs); return release.Task; }

        var first = lookups.RunOrWaitAsync("52.71", Lookup, CancellationToken.None);
        var waiters = Enumerable.Range(0, 10).Select(_ => lookups.RunOrWaitAsync("52.71", Lookup, CancellationToken.None)).ToList();
        var other = await lookups.RunOrWaitAsync("64.03", () => Task.FromResult("other"), CancellationToken.None);

        Assert.Equal((true, "other"), other);
        Assert.All(waiters, w => Assert.False(w.IsCompleted));
        Assert.Equal(1, lookups.Count);
        release.SetResult("Bawaslu Kota Mataram");

        Assert.Equal((true, "Bawaslu Kota Mataram"), await first);
        Assert.All(await Task.WhenAll(waiters), w => Assert.Equal((false, (string?)null), w));
        Assert.Equal(1, runs);
        Assert.Equal(0, lookups.Count);
    }

    [Fact]
    public async Task A_failed_lookup_fails_only_its_caller_and_the_next_caller_runs_again()
    {
        var lookups = new LookupsUnderWay<string>();
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

        var failing = lookups.RunOrWaitAsync("52.71", () => release.Task, CancellationToken.None);
        var waiter = lookups.RunOrWaitAsync("52.71", () => Task.FromResult("not run"), CancellationToken.None);
        release.SetException(new InvalidOperationException("directory refused"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal((false, (string?)null), await waiter);
        Assert.Equal((true, "again"), await lookups.RunOrWaitAsync("52.71", () => Task.FromResult("again"), CancellationToken.None));
    }

    [Fact]
    public async Task A_waiter_cancelled_stops_waiting_without_ending_the_lookup()
    {
        var lookups = new LookupsUnderWay<string>();
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource();

        var first = lookups.RunOrWaitAsync("52.71", () => release.Task, CancellationToken.None);
        var waiter = lookups.RunOrWaitAsync("52.71", () => Task.FromResult("not run"), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter);
        Assert.False(first.IsCompleted);
        release.SetResult("answer");
        Assert.Equal((true, "answer"), await first);
    }
}
