namespace Oversight.Harness;

/// <summary>Polls until a condition holds, for effects that cross a broker; fails with the last value seen.</summary>
public static class Eventually
{
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan within, string what)
    {
        var deadline = DateTimeOffset.UtcNow + within;
        T last;
        while (true)
        {
            last = await probe();
            if (condition(last)) return last;
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: not within {within.TotalSeconds:0} s; last value: {last}");
            }
            await Task.Delay(100);
        }
    }
}
