using System.Diagnostics;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Harness;

namespace Oversight.Bench;

/// <summary>
/// The benchmark's own queue bound to the ComplaintSubmitted exchange, as an integrator would bind one (the harness's
/// <see cref="EventListener"/>): records when each complaint's event arrives.
/// </summary>
public sealed class IntakeEventQueue : IAsyncDisposable
{
    private readonly EventListener _listener;

    public IntakeConfirmations Confirmations { get; }

    private readonly Func<int> _lastBodyBytes;

    private IntakeEventQueue(EventListener listener, IntakeConfirmations confirmations, Func<int> lastBodyBytes) =>
        (_listener, Confirmations, _lastBodyBytes) = (listener, confirmations, lastBodyBytes);

    /// <summary>The size of the last event received (MassTransit's envelope, UTF-8 characters): the raw publish sends as much.</summary>
    public int LastBodyBytes => _lastBodyBytes();

    public static async Task<IntakeEventQueue> BindAsync(string amqpConnectionString)
    {
        var confirmations = new IntakeConfirmations();
        var bodyBytes = 0;
        var listener = await EventListener.ListenAsync(amqpConnectionString, [typeof(ComplaintSubmitted)], received =>
        {
            if (received.ComplaintId is { } id) confirmations.Record(id, received.ArrivedAt);
            Interlocked.Exchange(ref bodyBytes, received.Body.Length);
        });
        return new IntakeEventQueue(listener, confirmations, () => Volatile.Read(ref bodyBytes));
    }

    /// <summary>Waits until every complaint has its event, or the time is up; (missing, latest arrival).</summary>
    public async Task<(int Missing, long? LastArrival)> WaitForAsync(IReadOnlyCollection<string> complaintIds, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var result = Confirmations.Of(complaintIds);
            if (result.Missing == 0 || deadline.Elapsed > within) return result;
            await Task.Delay(10);
        }
    }

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
