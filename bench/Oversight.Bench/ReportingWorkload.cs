using System.Collections.Concurrent;
using Oversight.Contracts.IntegrationEvents;

namespace Oversight.Bench;

/// <summary>
/// The events the reporting benchmark publishes, as the complaints service would: new registered laporan
/// (ComplaintSubmitted, version 1) spread round-robin over every regency and city of the official list, and, every
/// other event when one is ready, the start of review of a complaint whose submission the broker already confirmed
/// (ComplaintStatusChanged, version 2), so a review never overtakes its complaint on the way in.
/// Each event names the one summary counter it moves (<see cref="CounterOf"/>).
/// </summary>
public sealed class ReportingWorkload(IReadOnlyList<string> regencyCodes)
{
    public const string UnderReview = "under_review";

    private readonly ConcurrentQueue<(Guid Id, ComplaintState State)> _awaitingReview = new();
    private int _nextRegion = -1;

    public IntegrationEvent Make(int index)
    {
        if (index % 2 == 1 && _awaitingReview.TryDequeue(out var submitted))
        {
            var state = submitted.State with { Version = 2, Status = UnderReview, OpenDeadline = new OpenDeadline("review", "bawaslu", DateTimeOffset.UtcNow.AddDays(14)) };
            return new ComplaintStatusChanged { ComplaintId = submitted.Id, RegionCode = state.RegionCode, State = state, Step = "review_started" };
        }
        var region = regencyCodes[(int)((uint)Interlocked.Increment(ref _nextRegion) % regencyCodes.Count)];
        var id = Guid.NewGuid();
        var fresh = new ComplaintState
        {
            Version = 1,
            Status = "registered",
            Kind = "laporan",
            RegionCode = region,
            ViolationType = 1 + index % 12,
            AccusedAgency = "Dinas Pendidikan",
            RegistrationNumber = $"{region}/LP/2026/{id.ToString()[..6]}",
            ReceivedAt = DateTimeOffset.UtcNow,
            HandlingRegionCode = region,
            OpenDeadline = new OpenDeadline("review", "bawaslu", DateTimeOffset.UtcNow.AddDays(14)),
        };
        return new ComplaintSubmitted
        {
            ComplaintId = id, RegionCode = region, State = fresh, ViolationType = fresh.ViolationType, HandlingOffice = "Bawaslu " + region,
            Kind = fresh.Kind, Status = fresh.Status, ReceivedAt = fresh.ReceivedAt, AccusedAgency = fresh.AccusedAgency,
            RegistrationNumber = fresh.RegistrationNumber, HandlingRegionCode = region,
        };
    }

    /// <summary>After the broker confirmed an event: a submission becomes ready for its review.</summary>
    public void Confirmed(IntegrationEvent evt)
    {
        if (evt is ComplaintSubmitted { State: { } state } submitted) _awaitingReview.Enqueue((submitted.ComplaintId, state));
    }

    /// <summary>The province counter the event moves by one: "64|total" for a new complaint, "64|under_review" for a review start.</summary>
    public static string CounterOf(IntegrationEvent evt) =>
        $"{evt.RegionCode[..2]}|{(evt is ComplaintStatusChanged ? UnderReview : "total")}";
}
