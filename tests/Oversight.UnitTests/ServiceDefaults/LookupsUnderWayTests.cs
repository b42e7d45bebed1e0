using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Oversight.ServiceDefaults.Caching;

namespace Oversight.UnitTests.ServiceDefaults;

/// <summary>One look-up per key at a time; the others wait for it and read the answer it kept.</summary>
public sealed class LookupsUnderWayTests
{
    private readonly ConcurrentDictionary<string, string> _kept = new();
    private int _runs;

    private CachedAnswer<string> Cached(string key) => ([MaybeNullWhen(false)] out string answer) => _kept.TryGetValue(key, out answer);

    private Func<Task<string>> Lookup(string key, Task<string> answer) => async () =>
    {
        Interlocked.Increment(ref _runs);
        var found = await answer;
        _kept[key] = found;
        return found;
    };

    [Fact]
    public async Task Callers_of_a_key_under_way_wait_for_the_one_lookup_and_another_key_runs_its_own()
    {
        var lookups = new LookupsUnderWay<string>();
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

        var callers = Enumerable.Range(0, 10).Select(_ => lookups.GetAsync("52.71", Cached("52.71"), Lookup("52.71", release.Task), CancellationToken.None)).ToList();
        var other = await lookups.GetAsync("64.03", Cached("64.03"), Lookup("64.03", Task.FromResult("Bawaslu Kabupaten Penajam Paser Utara")), CancellationToken.None);

        Assert.Equal("Bawaslu Kabupaten Penajam Paser Utara", other);
        Assert.All(callers, c => Assert.False(c.IsCompleted));
        Assert.Equal(1, lookups.Count);
        release.SetResult("Bawaslu Kota Mataram");

        Assert.All(await Task.WhenAll(callers), c => Assert.Equal("Bawaslu Kota Mataram", c));
        Assert.Equal(2, _runs);
        Assert.Equal(0, lookups.Count);
    }

    [Fact]
    public async Task A_caller_whose_miss_crossed_the_end_of_another_lookup_reads_its_kept_answer()
    {
        var lookups = new LookupsUnderWay<string>();
        var reads = 0;
        // The first read misses; by the second, another caller's look-up has ended and kept its answer.
        CachedAnswer<string> cached = ([MaybeNullWhen(false)] out string answer) =>
        {
            answer = "Bawaslu Kota Mataram";
            return Interlocked.Increment(ref reads) > 1;
        };

        var answer = await lookups.GetAsync("52.71", cached, Lookup("52.71", Task.FromResult("asked again")), CancellationToken.None);

        Assert.Equal(("Bawaslu Kota Mataram", 0), (answer, _runs));
    }

    [Fact]
    public async Task A_failed_lookup_fails_only_its_caller_and_a_waiter_asks_for_itself()
    {
        var lookups = new LookupsUnderWay<string>();
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

        var failing = lookups.GetAsync("52.71", Cached("52.71"), Lookup("52.71", release.Task), CancellationToken.None);
        var waiter = lookups.GetAsync("52.71", Cached("52.71"), Lookup("52.71", Task.FromResult("its own answer")), CancellationToken.None);
        release.SetException(new InvalidOperationException("directory refused"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("its own answer", await waiter);
        Assert.Equal(0, lookups.Count);
    }

    [Fact]
    public async Task A_waiter_cancelled_stops_waiting_without_ending_the_lookup()
    {
        var lookups = new LookupsUnderWay<string>();
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource();

        var first = lookups.GetAsync("52.71", Cached("52.71"), Lookup("52.71", release.Task), CancellationToken.None);
        var waiter = lookups.GetAsync("52.71", Cached("52.71"), Lookup("52.71", Task.FromResult("not run")), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter);
        Assert.False(first.IsCompleted);
        release.SetResult("answer");
        Assert.Equal("answer", await first);
        Assert.Equal(1, _runs);
    }
}
