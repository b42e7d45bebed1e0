namespace Oversight.Notifications.Model.Deliveries;

/// <summary>
/// Exponential backoff with jitter: after attempt n fails, the next waits a random time between half and all of
/// min(max, base * 2^(n-1)), so many failing deliveries do not retry in lockstep.
/// </summary>
public static class RetrySchedule
{
    public static TimeSpan DelayAfter(int failedAttempt, TimeSpan baseDelay, TimeSpan maxDelay, Random random)
    {
        var exponent = Math.Clamp(failedAttempt - 1, 0, 30);
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ceiling / 2 + random.NextDouble() * ceiling / 2);
    }
}
