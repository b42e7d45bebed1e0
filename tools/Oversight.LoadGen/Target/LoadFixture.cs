using Grpc.Core;
using Oversight.Contracts.OfficeCredentials;
using Oversight.Contracts.RegionDirectory;
using Oversight.Harness;
using static Oversight.Contracts.RegionDirectory.RegionDirectory;

namespace Oversight.LoadGen.Target;

/// <summary>
/// What every scenario needs at the target: N regencies/cities, each with its own Bawaslu office (created when the
/// region has none, so registration numbers come from N gap-free counters) and its own office client; and a
/// national integrator client for the report reads, the watch streams and the webhook subscription.
/// </summary>
public sealed record LoadFixture(IReadOnlyList<OfficeDesk> Desks, TokenSource National)
{
    public static async Task<LoadFixture> PrepareAsync(LoadTarget target, int offices)
    {
        var directory = new RegionDirectoryClient(target.Directory);
        var credentials = new OfficeCredentials.OfficeCredentialsClient(target.Directory);
        var admin = await target.Admin.HeadersAsync();

        var regions = await RegionsAsync(directory, offices);
        if (regions.Count < offices)
        {
            // A fresh directory holds only the seed scenario's regions: load the official list (as the directory benchmark does).
            await ImportOfficialListAsync(directory, admin);
            regions = await RegionsAsync(directory, offices);
        }
        if (regions.Count < offices) throw new InvalidOperationException($"the directory has only {regions.Count} regencies and cities, {offices} offices asked for");
        var desks = new List<OfficeDesk>();
        foreach (var region in regions)
        {
            var officeId = await BawasluOfficeAsync(directory, admin, region);
            var client = await credentials.RegisterClientAsync(new RegisterClientRequest
            {
                DisplayName = $"Load generator, Bawaslu desk {region.Code}",
                RegionCode = region.Code,
                OfficeId = officeId,
                Roles = { "intake_officer", "reviewer" },
            }, admin);
            desks.Add(new OfficeDesk(region.Code, officeId, Tokens(target, client)));
        }
        var national = await credentials.RegisterClientAsync(new RegisterClientRequest
        {
            DisplayName = "Load generator, national situation room",
            RegionCode = "",
            Roles = { "integrator" },
        }, admin);
        return new LoadFixture(desks, Tokens(target, national));
    }

    private static TokenSource Tokens(LoadTarget target, ClientSecretReply client) =>
        new(() => target.TokenAsync(client.Client.ClientId, client.ClientSecret));

    /// <summary>Regencies and cities taken in turn from each province, so the load spreads over the country.</summary>
    private static async Task<IReadOnlyList<Region>> RegionsAsync(RegionDirectoryClient directory, int count)
    {
        var provinces = (await directory.ListChildrenAsync(new ListChildrenRequest { Code = "" })).Regions;
        var perProvince = new List<Queue<Region>>();
        foreach (var province in provinces)
            perProvince.Add(new Queue<Region>((await directory.ListChildrenAsync(new ListChildrenRequest { Code = province.Code })).Regions));
        var picked = new List<Region>();
        while (picked.Count < count && perProvince.Any(q => q.Count > 0))
        {
            foreach (var queue in perProvince.Where(q => q.Count > 0))
            {
                if (picked.Count == count) break;
                picked.Add(queue.Dequeue());
            }
        }
        return picked;
    }

    private static async Task ImportOfficialListAsync(RegionDirectoryClient directory, Metadata admin)
    {
        Console.WriteLine($"  importing the official region list from {SharedData.RegionsDirectory}");
        var reply = await directory.ImportRegionsAsync(new ImportRegionsRequest
        {
            ProvincesCsv = await File.ReadAllTextAsync(SharedData.ProvincesCsv),
            RegenciesCsv = await File.ReadAllTextAsync(SharedData.RegenciesCsv),
        }, admin);
        if (!reply.Applied && reply.Added + reply.Changed > 0) throw new InvalidOperationException("the import of the official region list was not applied");
    }

    /// <summary>The region's own Bawaslu office: the existing one (seeded, or made by an earlier run), else a new one.</summary>
    private static async Task<string> BawasluOfficeAsync(RegionDirectoryClient directory, Metadata admin, Region region)
    {
        var existing = (await directory.ListOfficesAsync(new ListOfficesRequest { RegionCode = region.Code }, admin)).Offices
            .FirstOrDefault(o => o.Kind == "bawaslu" && o.RegionCode == region.Code);
        if (existing is not null) return existing.Id;
        var created = await directory.UpsertOfficeAsync(new UpsertOfficeRequest
        {
            Office = new Office
            {
                Kind = "bawaslu",
                RegionCode = region.Code,
                Name = string.IsNullOrEmpty(region.HandlingOffice) ? $"Bawaslu {region.Name}" : region.HandlingOffice,
            },
        }, admin);
        return created.Id;
    }
}
