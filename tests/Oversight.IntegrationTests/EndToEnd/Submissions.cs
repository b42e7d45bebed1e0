using System.Globalization;
using Oversight.Contracts.Complaints;

namespace Oversight.IntegrationTests.EndToEnd;

/// <summary>Complete submissions for the tests, dated relative to now so that the filing window holds whatever the day.</summary>
internal static class Submissions
{
    public const string ReporterName = "Siti Rahmawati Zulkarnaen";
    public const string ReporterNik = "5271014501900001";
    public const string ReporterPhone = "+62 812 3456 7890";
    public const string ReporterEmail = "siti.rahmawati@example.org";
    public const string AccusedNip = "198501012010011001";

    public static string Rfc3339(DateTimeOffset instant) => instant.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A laporan meeting every formal and material requirement: registered at once.</summary>
    public static SubmitComplaintRequest Laporan(string regionCode, int violationType = 2, string? description = null)
    {
        var now = DateTimeOffset.UtcNow;
        return new SubmitComplaintRequest
        {
            Kind = "laporan",
            RegionCode = regionCode,
            Reporter = new Reporter
            {
                Category = "voter",
                Name = ReporterName,
                Nik = ReporterNik,
                Address = "Jl. Pejanggik No. 10, Cakranegara",
                Phone = ReporterPhone,
                Email = ReporterEmail,
                AgreedToNotifications = true,
            },
            Reported = new ReportedPerson
            {
                Name = "Budi Santoso",
                Nip = AccusedNip,
                Position = "Camat",
                Agency = "Kecamatan Ampenan",
                RegionCode = regionCode,
            },
            ViolationType = violationType,
            OccurredAt = Rfc3339(now.AddDays(-2)),
            Place = "Grup WhatsApp kantor kecamatan",
            BecameKnownAt = Rfc3339(now.AddDays(-1)),
            Description = description ?? "Camat membagikan unggahan kampanye salah satu pasangan calon di grup WhatsApp kantor.",
            Evidence =
            {
                new Evidence
                {
                    Url = "https://example.org/bukti/tangkapan-layar-1.png",
                    Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                    Description = "Tangkapan layar pesan",
                },
            },
            SignatureAttested = true,
        };
    }

    /// <summary>
    /// The same facts filed as a temuan by a supervisor: registered with a TM number and raising the same events, but
    /// without a laporan's PIN, whose PBKDF2 hash (600,000 rounds) is CPU an outage or routing test has nothing to do
    /// with. Each violation type is a distinct complaint (no idempotency key).
    /// </summary>
    public static SubmitComplaintRequest Temuan(string regionCode, int violationType = 2)
    {
        var request = Laporan(regionCode, violationType);
        request.Kind = "temuan";
        request.Reporter = new Reporter { Category = "supervisor", Name = "Pengawas Kelurahan Ampenan Utara" };
        request.SignatureAttested = false;
        return request;
    }
}
