using System.Globalization;
using Oversight.Contracts.Complaints;

namespace Oversight.LoadGen.Scenarios;

/// <summary>The laporan the load generator submits: complete ones (registered at once) and ones missing place and evidence (to be completed later).</summary>
public static class Laporan
{
    /// <summary>A laporan meeting every requirement, with an idempotency key no other call uses (so none is a replay).</summary>
    public static SubmitComplaintRequest Complete(string regionCode)
    {
        var now = DateTimeOffset.UtcNow;
        return new SubmitComplaintRequest
        {
            Kind = "laporan",
            RegionCode = regionCode,
            // A fictitious reporter: the service seals the identity, so only its size matters here.
            Reporter = new Reporter
            {
                Category = "voter",
                Name = "Pelapor Uji Beban",
                Nik = "5271014501900002",
                Address = "Jl. Pejanggik No. 12, Cakranegara",
                Phone = "+62 812 0000 0000",
                Email = "pelapor.uji@example.org",
                AgreedToNotifications = true,
            },
            Reported = new ReportedPerson
            {
                Name = "Terlapor Uji Beban",
                Nip = "198501012010011002",
                Position = "Camat",
                Agency = "Kantor Kecamatan",
                RegionCode = regionCode,
            },
            ViolationType = 2,
            OccurredAt = Rfc3339(now.AddDays(-2)),
            Place = "Grup WhatsApp kantor kecamatan",
            BecameKnownAt = Rfc3339(now.AddDays(-1)),
            Description = "Camat membagikan unggahan kampanye salah satu pasangan calon di grup WhatsApp kantor.",
            Evidence = { Screenshot },
            SignatureAttested = true,
            IdempotencyKey = "loadgen-" + Guid.NewGuid().ToString("N"),
        };
    }

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
        Evidence = { Screenshot },
    };

    private static Evidence Screenshot => new()
    {
        Url = "https://example.org/bukti/tangkapan-layar-1.png",
        Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        Description = "Tangkapan layar pesan",
    };

    private static string Rfc3339(DateTimeOffset instant) =>
        instant.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
