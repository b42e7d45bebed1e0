using Oversight.Contracts.Complaints;
using Oversight.Harness;

namespace Oversight.LoadGen.Scenarios;

/// <summary>The laporan the load generator submits: complete ones (registered at once) and ones missing place and evidence (to be completed later).</summary>
public static class Laporan
{
    /// <summary>A laporan meeting every requirement, with an idempotency key no other call uses (so none is a replay).</summary>
    public static SubmitComplaintRequest Complete(string regionCode) => Unique(regionCode);

    /// <summary>A laporan without place and evidence: stored as needing completion.</summary>
    public static SubmitComplaintRequest Incomplete(string regionCode) => Unique(regionCode) with { Place = "", Evidence = [] };

    /// <summary>What <see cref="Incomplete"/> left out.</summary>
    public static CompleteComplaintRequest Completion(string complaintId, int expectedVersion) => new()
    {
        ComplaintId = complaintId,
        ExpectedVersion = expectedVersion,
        Place = ComplaintSubmission.DefaultPlace,
        Evidence = { ComplaintSubmission.Screenshot() },
    };

    private static ComplaintSubmission Unique(string regionCode) =>
        ComplaintSubmission.Laporan(regionCode) with { IdempotencyKey = ComplaintSubmission.UniqueKey("loadgen-") };
}
