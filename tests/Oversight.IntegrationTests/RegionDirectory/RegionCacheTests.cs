using Npgsql;
using Oversight.Contracts.RegionDirectory;
using Oversight.Testing;
using StackExchange.Redis;
using static Oversight.Contracts.RegionDirectory.RegionDirectory;

namespace Oversight.IntegrationTests.RegionDirectory;

/// <summary>Region reads go through Redis; a change drops what it affects; without Redis the service reads PostgreSQL and says it is degraded.</summary>
public sealed class RegionCacheTests(TestServers servers)
{
    [Fact]
    public async Task A_cached_read_is_served_from_redis_and_invalidated_by_an_import_that_changes_it()
    {
        await using var system = await TestSystem.StartAsync(servers, TestSystem.RegionDirectory);
        var client = new RegionDirectoryClient(system.Channel(TestSystem.RegionDirectory));
        var prefix = system.Setting(TestSystem.RegionDirectory, "RegionDirectory__CacheKeyPrefix");
        await using var redis = await ConnectionMultiplexer.ConnectAsync(servers.Redis.ConnectionString);

        Assert.Equal("Kota Kendari", (await client.GetRegionAsync(new GetRegionRequest { Code = "74.71" })).Name);
        Assert.True(await redis.GetDatabase().KeyExistsAsync($"{prefix}region:74.71"));

        // Changed behind the service's back: the cache still answers, proving reads go through it.
        await ExecuteAsync(system, "UPDATE regions SET name = 'Kota Kendari (db only)' WHERE code = '74.71'");
        Assert.Equal("Kota Kendari", (await client.GetRegionAsync(new GetRegionRequest { Code = "74.71" })).Name);

        // A change through the service drops the entry; the next read sees the new name.
        var reply = await client.ImportRegionsAsync(new ImportRegionsRequest
        {
            ProvincesCsv = "kode,nama\n74,Sulawesi Tenggara\n",
            RegenciesCsv = "kode,kode_provinsi,nama,jenis\n74.71,74,Kota Kendari Baru,kota\n",
        }, await system.AdminHeadersAsync());
        Assert.Equal(["changed 74.71 Kota Kendari Baru"], reply.Changes);
        Assert.False(await redis.GetDatabase().KeyExistsAsync($"{prefix}region:74.71"));
        Assert.Equal("Kota Kendari Baru", (await client.GetRegionAsync(new GetRegionRequest { Code = "74.71" })).Name);
    }

    [Fact]
    public async Task Without_redis_reads_and_routing_come_from_postgres_and_health_says_degraded()
    {
        // A port nothing listens on: Redis is "down" from the start.
        var deadRedis = $"127.0.0.1:{FreePort.Next()},password=x,connectTimeout=500";
        await using var system = await TestSystem.StartWithRedisAsync(servers, deadRedis, TestSystem.RegionDirectory);
        var client = new RegionDirectoryClient(system.Channel(TestSystem.RegionDirectory));

        Assert.Equal("Kota Mataram", (await client.GetRegionAsync(new GetRegionRequest { Code = "52.71" })).Name);
        // Offices and routing too, cached the same way, are read straight from PostgreSQL.
        var authorized = new RegionDirectoryClient(system.Authorized(TestSystem.RegionDirectory, await system.AdminTokenAsync()));
        var routing = await authorized.RouteComplaintAsync(new RouteComplaintRequest { RegionCode = "64.11", Date = "2024-11-01" });
        Assert.Equal("Bawaslu Provinsi Kalimantan Timur", routing.Bawaslu.Name);
        Assert.NotEmpty((await authorized.ListOfficesAsync(new ListOfficesRequest { RegionCode = "52.71" })).Offices);

        using var http = system.Http(TestSystem.RegionDirectory);
        var health = await http.GetAsync("/health");
        var body = await health.Content.ReadAsStringAsync();
        Assert.True(health.IsSuccessStatusCode, body);
        Assert.Contains("\"status\":\"Degraded\"", body);
        Assert.Contains("Redis unreachable", body);
        await system.Project(TestSystem.RegionDirectory).WaitForLineAsync("Redis cache unavailable, reading from PostgreSQL");
    }

    private static async Task ExecuteAsync(TestSystem system, string sql)
    {
        await using var connection = new NpgsqlConnection(system.Setting(TestSystem.RegionDirectory, "ConnectionStrings__directorydb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
