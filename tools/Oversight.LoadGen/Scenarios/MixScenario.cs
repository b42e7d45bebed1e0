using System.Collections.Concurrent;
using Oversight.Contracts.Complaints;
using Oversight.Contracts.Reporting;
using Oversight.LoadGen.Engine;
using Oversight.LoadGen.Target;

namespace Oversight.LoadGen.Scenarios;

/// <summary>
/// A steady day at the offices: intake, lifecycle steps on complaints submitted earlier in the run, queries and
/// report reads. A lifecycle step needs a complaint in the right state; when none is waiting yet (early in the
/// run) the call becomes a ListComplaints, so the rate holds and the report counts what was actually called.
/// </summary>
public sealed class MixScenario(ScenarioContext context) : IScenario
{
    public static readonly (string Operation, double Weight)[] Weights =
    [
        ("SubmitComplaint", 20),
        ("SubmitComplaint (incomplete)", 5),
        ("CompleteComplaint", 5),
        ("StartReview", 10),
        ("DecideComplaint", 10),
        ("ListComplaints", 20),
        ("FindComplaint", 15),
        ("GetSummary", 15),
    ];

    private readonly OperationMix<string> _mix = new(Weights);
    private readonly ConcurrentQueue<Waiting> _toComplete = new(), _toReview = new(), _toDecide = new();
    private readonly ConcurrentQueue<Waiting> _known = new();
    private readonly ThreadLocal<Random> _random = new(() => new Random(Environment.CurrentManagedThreadId));

    private sealed record Waiting(OfficeDesk Desk, string Id, int Version);

    public string Name => "mix";

    public string Proportions => string.Join(", ", Weights.Select(w => $"{w.Weight / Weights.Sum(x => x.Weight):0%} {w.Operation}")) +
        "; a lifecycle step with no complaint waiting in its state becomes a ListComplaints";

    public PlannedCall Next(long sequence)
    {
        var desk = context.Desk(sequence);
        var operation = _mix.Pick(_random.Value!.NextDouble());
        return operation switch
        {
            "SubmitComplaint" => new(operation, async () => Remember(_toReview, desk, await context.SubmitCompleteAsync(desk))),
            "SubmitComplaint (incomplete)" => new(operation, () => SubmitIncompleteAsync(desk)),
            "CompleteComplaint" when _toComplete.TryDequeue(out var c) => new(operation, async () =>
            {
                var done = await context.Complaints.CompleteComplaintAsync(Laporan.Completion(c.Id, c.Version), await c.Desk.Token.HeadersAsync());
                Remember(_toReview, c.Desk, (done.ComplaintId, done.Version));
            }),
            "StartReview" when _toReview.TryDequeue(out var r) => new(operation, async () =>
            {
                var reviewing = await context.Complaints.StartReviewAsync(new StartReviewRequest { ComplaintId = r.Id, ExpectedVersion = r.Version },
                    await r.Desk.Token.HeadersAsync());
                Remember(_toDecide, r.Desk, (reviewing.ComplaintId, reviewing.Version));
            }),
            "DecideComplaint" when _toDecide.TryDequeue(out var d) => new(operation, async () =>
                await context.Complaints.DecideComplaintAsync(new DecideComplaintRequest
                {
                    ComplaintId = d.Id,
                    ExpectedVersion = d.Version,
                    Outcome = sequence % 2 == 0 ? "violation" : "not_violation",
                    Reasoning = "Hasil kajian uji beban.",
                    ViolationType = sequence % 2 == 0 ? 2 : 0,
                }, await d.Desk.Token.HeadersAsync())),
            "FindComplaint" when _known.TryPeek(out var k) => new(operation, async () =>
                await context.Queries.FindComplaintAsync(new FindComplaintRequest { ComplaintId = k.Id }, await k.Desk.Token.HeadersAsync())),
            "GetSummary" => new(operation, async () =>
                await context.Reporting.GetSummaryAsync(new GetSummaryRequest { RegionCode = desk.RegionCode }, await desk.Token.HeadersAsync())),
            _ => new("ListComplaints", async () =>
                await context.Queries.ListComplaintsAsync(new ListComplaintsRequest { RegionCode = desk.RegionCode, PageSize = 20 }, await desk.Token.HeadersAsync())),
        };
    }

    private async Task SubmitIncompleteAsync(OfficeDesk desk)
    {
        var reply = await context.Complaints.SubmitComplaintAsync(Laporan.Incomplete(desk.RegionCode), await desk.Token.HeadersAsync());
        context.Committed(reply.ComplaintId);
        if (reply.Status == "registered") throw new UnexpectedAnswerException("an incomplete laporan was registered");
        Remember(_toComplete, desk, (reply.ComplaintId, 1));
    }

    private void Remember(ConcurrentQueue<Waiting> next, OfficeDesk desk, (string Id, int Version) complaint)
    {
        var waiting = new Waiting(desk, complaint.Id, complaint.Version);
        next.Enqueue(waiting);
        // A rolling window of known complaints for FindComplaint: the newest few hundred.
        _known.Enqueue(waiting);
        while (_known.Count > 500) _known.TryDequeue(out _);
    }
}
