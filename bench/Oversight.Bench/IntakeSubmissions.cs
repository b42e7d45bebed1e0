using Oversight.Contracts.Complaints;
using Oversight.Contracts.OfficeCredentials;
using Oversight.Harness;
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
    public static SubmitComplaintRequest Laporan(string regionCode) =>
        ComplaintSubmission.Laporan(regionCode) with { IdempotencyKey = ComplaintSubmission.UniqueKey("bench-") };
}
