using Npgsql;
using Oversight.Contracts.RegionDirectory;
using Oversight.Harness;
using static Oversight.Contracts.RegionDirectory.RegionDirectory;

namespace Oversight.Bench;

/// <summary>
/// Region look-ups and complaint routing per second and their latency: over gRPC with the Redis cache
/// warm, over gRPC with no Redis (every read from PostgreSQL), and a region row read straight from
/// PostgreSQL with Npgsql (no service in between). Each directory holds the full official list
/// (38 provinces, 514 regencies/cities) and the seeded offices and officials.
/// </summary>
public sealed class DirectoryBenchmark(BenchOptions options)
{
    private const string RegionSql = "SELECT code, name, level, parent_code, decree, kind FROM regions WHERE code = $1";

    // The seeded regions with offices, and their provinces: routing there climbs the tree and reads officials.
    private static readonly string[] RoutedRegions = ["52.71", "64.03", "64.11", "74.71", "52", "64", "74"];

    public async Task<IReadOnlyList<LatencySummary>> RunAsync()
    {
        var codes = OfficialCodes();
        Console.WriteLine($"Starting PostgreSQL, Redis, RabbitMQ and two region-directory instances ({codes.Count} region codes)...");
        var servers = new TestServers();
        await servers.InitializeAsync();
        try
        {
            await using var cached = await TestSystem.StartAsync(servers, TestSystem.RegionDirectory);
            var deadRedis = $"127.0.0.1:{FreePort.Next()},connectTimeout=500";
            await using var uncached = await TestSystem.StartWithRedisAsync(servers, deadRedis, TestSystem.RegionDirectory);
            var (cachedClient, cachedRouting) = await PrepareAsync(cached);
            var (uncachedClient, uncachedRouting) = await PrepareAsync(uncached);
            await using var dataSource = NpgsqlDataSource.Create(cached.Setting(TestSystem.RegionDirectory, "ConnectionStrings__directorydb"));

            var scenarios = new (string Name, Func<int, Task> Operation)[]
            {
                ("GetRegion over gRPC, Redis cache warm", async n => await cachedClient.GetRegionAsync(new GetRegionRequest { Code = codes[n % codes.Count] })),
                ("GetRegion over gRPC, no cache (PostgreSQL)", async n => await uncachedClient.GetRegionAsync(new GetRegionRequest { Code = codes[n % codes.Count] })),
                ("Region row straight from PostgreSQL (Npgsql, no service)", async n => await ReadRowAsync(dataSource, codes[n % codes.Count])),
                ("RouteComplaint over gRPC, Redis cache warm", async n => await cachedRouting.RouteComplaintAsync(RouteRequest(n))),
                ("RouteComplaint over gRPC, no cache (PostgreSQL)", async n => await uncachedRouting.RouteComplaintAsync(RouteRequest(n))),
            };
            return await MeasureAsync(scenarios);
        }
        finally
        {
            await servers.DisposeAsync();
        }
    }

    private async Task<IReadOnlyList<LatencySummary>> MeasureAsync((string Name, Func<int, Task> Operation)[] scenarios)
    {
        foreach (var (name, operation) in scenarios)
        {
            // Warm-up: JIT, connection pools, and (for the cached directory) every code read once into Redis.
            await LoadRunner.RunAsync(name, operation, options.Concurrency, options.WarmUp);
        }
        var rounds = scenarios.ToDictionary(s => s.Name, _ => new List<LatencySummary>());
        for (var round = 1; round <= options.Rounds; round++)
        {
            // Rounds interleave the scenarios, so a slow phase of the shared machine hits all of them alike.
            foreach (var (name, operation) in scenarios)
            {
                var summary = await LoadRunner.RunAsync(name, operation, options.Concurrency, options.Duration);
                Console.WriteLine($"  round {round}: {name}: {summary.OperationsPerSecond:0}/s, p50 {summary.P50Ms:0.00} ms, p99 {summary.P99Ms:0.00} ms, errors {summary.Errors}");
                rounds[name].Add(summary);
            }
        }
        return scenarios.Select(s => Median(rounds[s.Name])).ToList();
    }

    // Imports the official list as the test admin; returns an anonymous client (look-ups are public) and one
    // carrying the admin's token (routing needs a token; a national one covers every region).
    private static async Task<(RegionDirectoryClient Lookups, RegionDirectoryClient Routing)> PrepareAsync(TestSystem system)
    {
        var token = await system.AdminTokenAsync();
        var routing = new RegionDirectoryClient(system.Authorized(TestSystem.RegionDirectory, token));
        var reply = await routing.ImportRegionsAsync(new ImportRegionsRequest
        {
            ProvincesCsv = await File.ReadAllTextAsync(SharedData.ProvincesCsv),
            RegenciesCsv = await File.ReadAllTextAsync(SharedData.RegenciesCsv),
        });
        if (!reply.Applied && reply.Added + reply.Changed > 0) throw new InvalidOperationException("The import of the official list was not applied.");
        return (new RegionDirectoryClient(system.Channel(TestSystem.RegionDirectory)), routing);
    }

    // A date inside the campaign, when Kota Mataram's PPK is the acting mayor: the officials' terms matter.
    private static RouteComplaintRequest RouteRequest(int n) => new() { RegionCode = RoutedRegions[n % RoutedRegions.Length], Date = "2024-11-01" };

    private static async Task ReadRowAsync(NpgsqlDataSource dataSource, string code)
    {
        await using var command = dataSource.CreateCommand(RegionSql);
        command.Parameters.AddWithValue(code);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) throw new InvalidOperationException($"{code} not found");
    }

    private static List<string> OfficialCodes() =>
        File.ReadLines(SharedData.ProvincesCsv).Skip(1).Concat(File.ReadLines(SharedData.RegenciesCsv).Skip(1))
            .Where(line => line.Length > 0)
            .Select(line => line.Split(',')[0].Trim())
            .ToList();

    // The round with the median throughput stands for the scenario: its latencies belong to the same run.
    private static LatencySummary Median(List<LatencySummary> rounds) =>
        rounds.OrderBy(r => r.OperationsPerSecond).ElementAt(rounds.Count / 2);
}
