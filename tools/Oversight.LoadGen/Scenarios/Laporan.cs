using Oversight.Contracts.Complaints;
using Oversight.Harness;

namespace Oversight.LoadGen.Scenarios;

/// <summary>The laporan the load generator submits: complete ones (registered at once) and ones missing place and evidence (to be completed later).</summary>
public static class Laporan
{
    /// <summary>A laporan meeting every requirement, with an idempotency key no other call uses (so none is a replay).</summary>
    public static SubmitComplaintRequest Complete(string regionCode) => SampleComplaints.Laporan(regionCode, "loadgen-");

    /// <summary>A laporan without place and evidence: stored as needing completion.</summary>
    public static SubmitComplaintRequest Incomplete(string regionCode)
    {
        var laporan = Complete(regionCode);
        laporan.Place = "";
        laporan.Evidence.Clear();
        return laporan;
    }

    /// <summary>What <see cref="Incomplete"/> left out.</summary>
    public static CompleteComplaintRequest Completion(string complaintId, int expectedVersion) => new()
    {
        ComplaintId = complaintId,
        ExpectedVersion = expectedVersion,
        Place = "Grup WhatsApp kantor kecamatan",
        Evidence = { SampleComplaints.Screenshot() },
    };
}
