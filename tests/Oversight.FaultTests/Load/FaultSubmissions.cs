using System.Globalization;
using Oversight.Contracts.Complaints;

namespace Oversight.FaultTests.Load;

/// <summary>
/// The load's submissions: a complete temuan, registered at once. A temuan, not a laporan: a laporan's PIN is hashed
/// with 600,000 PBKDF2 rounds, CPU that has nothing to do with the faults and that two shared cores spend slowly;
/// a temuan takes the same path through the database, the outbox, reporting and notifications.
/// </summary>
internal static class FaultSubmissions
{
    public static SubmitComplaintRequest Temuan(string regionCode, int violationType, string idempotencyKey)
    {
        var now = DateTimeOffset.UtcNow;
        return new SubmitComplaintRequest
        {
            Kind = "temuan",
            RegionCode = regionCode,
            Reporter = new Reporter { Category = "supervisor", Name = "Pengawas Kelurahan Ampenan Utara" },
            Reported = new ReportedPerson
            {
                Name = "Budi Santoso",
                Nip = "198501012010011001",
                Position = "Camat",
                Agency = "Kecamatan Ampenan",
                RegionCode = regionCode,
            },
            ViolationType = violationType,
            OccurredAt = Rfc3339(now.AddDays(-2)),
            Place = "Grup WhatsApp kantor kecamatan",
            BecameKnownAt = Rfc3339(now.AddDays(-1)),
            Description = "Camat membagikan unggahan kampanye salah satu pasangan calon di grup WhatsApp kantor.",
            Evidence =
            {
                new Evidence
                {
                    Url = "https://example.org/bukti/tangkapan-layar-1.png",
                    Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                    Description = "Tangkapan layar pesan",
                },
            },
            IdempotencyKey = idempotencyKey,
        };
    }

    private static string Rfc3339(DateTimeOffset instant) =>
        instant.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
