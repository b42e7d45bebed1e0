namespace Oversight.Complaints.Grpc.Admission;

/// <summary>
/// At most one log line per interval for a kind of refusal, counting the refusals not logged in between. Under overload
/// intake refuses a hundred calls a second; a Warning for each would spend the CPU the service lacks on log lines
/// nobody reads, while the counter metric <c>oversight.complaints.intake.refused</c> still counts every one.
/// </summary>
public sealed class RefusalLogThrottle(TimeProvider time, TimeSpan interval)
{
    private long _nextLineTicks;
    private long _unlogged;

    /// <summary>True when this refusal is to be logged, with how many were refused unlogged since the last line.</summary>
    public bool ShouldLog(out long refusedSinceLastLine)
    {
        var now = time.GetUtcNow().UtcTicks;
        var next = Interlocked.Read(ref _nextLineTicks);
        if (now >= next && Interlocked.CompareExchange(ref _nextLineTicks, now + interval.Ticks, next) == next)
        {
            refusedSinceLastLine = Interlocked.Exchange(ref _unlogged, 0);
            return true;
        }
        Interlocked.Increment(ref _unlogged);
        refusedSinceLastLine = 0;
        return false;
    }
}
