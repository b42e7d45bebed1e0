using System.Globalization;
using Oversight.Contracts.Complaints;

namespace Oversight.Harness;

/// <summary>
/// The complete laporan that the benchmarks and the load generator submit: a fictitious reporter (the service seals the
/// identity, so only its size matters) and every requirement met, so it is registered at once.
/// </summary>
public static class SampleComplaints
{
    /// <summary>A laporan meeting every requirement, with an idempotency key no other call uses (so none is a replay).</summary>
    public static SubmitComplaintRequest Laporan(string regionCode, string idempotencyKeyPrefix)
    {
        var now = DateTimeOffset.UtcNow;
        return new SubmitComplaintRequest
        {
            Kind = "laporan",
            RegionCode = regionCode,
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
                Agency = "Kecamatan Ampenan",
                RegionCode = regionCode,
            },
            ViolationType = 2,
            OccurredAt = Rfc3339(now.AddDays(-2)),
            Place = "Grup WhatsApp kantor kecamatan",
            BecameKnownAt = Rfc3339(now.AddDays(-1)),
            Description = "Camat membagikan unggahan kampanye salah satu pasangan calon di grup WhatsApp kantor.",
            Evidence = { Screenshot() },
            SignatureAttested = true,
            IdempotencyKey = idempotencyKeyPrefix + Guid.NewGuid().ToString("N"),
        };
    }

    /// <summary>The laporan's one piece of evidence.</summary>
    public static Evidence Screenshot() => new()
    {
        Url = "https://example.org/bukti/tangkapan-layar-1.png",
        Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        Description = "Tangkapan layar pesan",
    };

    /// <summary>An instant as the API takes it (RFC 3339, in WIB).</summary>
    public static string Rfc3339(DateTimeOffset instant) =>
        instant.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
