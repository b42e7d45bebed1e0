using Grpc.Core;
using Npgsql;
using Oversight.Contracts.OfficeCredentials;
using Oversight.Testing;

namespace Oversight.IntegrationTests.Hostile;

/// <summary>
/// All four services, started once for the hostile-input suite in the Development environment, and a national client holding every office role, so
/// hostile calls reach the handlers themselves and not only the authentication layer.
/// </summary>
public sealed class HostileSystemFixture(TestServers servers) : IAsyncLifetime
{
    private static readonly string[] Services = [TestSystem.RegionDirectory, TestSystem.Complaints, TestSystem.Notifications, TestSystem.Reporting];

    public static readonly string[] EveryRole = ["intake_officer", "reviewer", "sanction_officer", "admin", "integrator"];

    public TestSystem System { get; private set; } = null!;

    /// <summary>Headers carrying the every-role national token.</summary>
    public Metadata EveryRoleHeaders { get; private set; } = null!;

    public string EveryRoleToken { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        // In Development, where ASP.NET adds its developer exception page: the answers must stay free of stack traces,
        // exception types, paths and request headers even there (issue 16: the page echoed an admin's cookie).
        System = await TestSystem.StartAsync(servers, new TestSystemOptions
        {
            Environment = Services.ToDictionary(service => $"{service}:ASPNETCORE_ENVIRONMENT", _ => "Development"),
        });
        var credentials = new OfficeCredentials.OfficeCredentialsClient(System.Channel(TestSystem.RegionDirectory));
        var client = await credentials.RegisterClientAsync(new RegisterClientRequest
        {
            DisplayName = "Hostile-input suite (every role, national)",
            RegionCode = "",
            Roles = { EveryRole },
        }, await System.AdminHeadersAsync());
        EveryRoleToken = await System.TokenAsync(client.Client.ClientId, client.ClientSecret);
        EveryRoleHeaders = TestSystem.Bearer(EveryRoleToken);
    }

    /// <summary>Rows in the complaints database's complaints table.</summary>
    public async Task<long> StoredComplaintsAsync()
    {
        await using var connection = new NpgsqlConnection(System.Setting(TestSystem.Complaints, "ConnectionStrings__complaintsdb"));
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM complaints", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync() => await System.DisposeAsync();
}
