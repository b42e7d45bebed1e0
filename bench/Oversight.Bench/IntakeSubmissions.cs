using System.Globalization;
using Oversight.Contracts.Complaints;
using Oversight.Contracts.OfficeCredentials;
using Oversight.Testing;
using Grpc.Core;

namespace Oversight.Bench;

/// <summary>
/// Complete, registrable laporan for the intake benchmark and the intake desks that submit them. The regions
/// each have their own Bawaslu office, so registration numbers (gap-free, one counter per office and year)
/// are drawn from several counters, as they would be in a real campaign.
/// </summary>
public static class IntakeSubmissions
{
    public static readonly string[] Regions = ["52.71", "64.03", "74.71"];

    /// <summary>One intake desk per region, registered by the test admin; its bearer headers.</summary>
    public static async Task<IReadOnlyList<Metadata>> IntakeDesksAsync(TestSystem system)
    {
        var credentials = new OfficeCredentials.OfficeCredentialsClient(system.Channel(TestSystem.RegionDirectory));
        var admin = await system.AdminHeadersAsync();
        var desks = new List<Metadata>();
        foreach (var region in Regions)
        {
            var desk = await credentials.RegisterClientAsync(new RegisterClientRequest
            {
                DisplayName = $"Benchmark intake desk {region}",
                RegionCode = region,
                Roles = { "intake_officer" },
            }, admin);
            desks.Add(TestSystem.Bearer(await system.TokenAsync(desk.Client.ClientId, desk.ClientSecret)));
        }
        return desks;
    }

    /// <summary>A laporan meeting every requirement, with a key no other call uses (so no call is a replay).</summary>
    public static SubmitComplaintRequest Laporan(string regionCode)
    {
        var now = DateTimeOffset.UtcNow;
        return new SubmitComplaintRequest
        {
            Kind = "laporan",
            RegionCode = regionCode,
            // A fictitious reporter: the service seals the identity, so its size is what matters here.
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
            IdempotencyKey = "bench-" + Guid.NewGuid().ToString("N"),
        };
    }

    private static string Rfc3339(DateTimeOffset instant) =>
        instant.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
