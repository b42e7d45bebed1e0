using Grpc.Core;
using Npgsql;
using Oversight.Contracts.Complaints;
using Oversight.Contracts.OfficeCredentials;
using Oversight.Contracts.RegionDirectory;
using Oversight.IntegrationTests.EndToEnd;
using Oversight.Testing;
using static Oversight.Contracts.Complaints.ComplaintQueries;
using static Oversight.Contracts.Complaints.Complaints;
using static Oversight.Contracts.RegionDirectory.RegionDirectory;

namespace Oversight.IntegrationTests.Complaints;

/// <summary>The query tests share one system (they run one after another): starting one per class costs minutes on two cores.</summary>
[CollectionDefinition(nameof(QueriesCollection))]
public sealed class QueriesCollection : ICollectionFixture<QueriesSystemFixture>;

/// <summary>
/// The directory and the complaints service, with Kabupaten Lombok Barat (52.01) imported beside the seed's Kota Mataram
/// (52.71) and Kota Kendari (74.71). Lombok Barat has no Bawaslu office of its own in the seed, so the province's
/// office (52) handles its complaints.
/// </summary>
public sealed class QueriesSystemFixture(TestServers servers) : IAsyncLifetime
{
    public const string LombokBarat = "52.01";

    public TestSystem System { get; private set; } = null!;

    public ComplaintsClient Complaints => new(System.Channel(TestSystem.Complaints));

    public ComplaintQueriesClient Queries => new(System.Channel(TestSystem.Complaints));

    public async ValueTask InitializeAsync()
    {
        System = await TestSystem.StartAsync(servers, TestSystem.Complaints);
        var directory = new RegionDirectoryClient(System.Channel(TestSystem.RegionDirectory));
        await directory.ImportRegionsAsync(new ImportRegionsRequest
        {
            ProvincesCsv = "kode,nama\n52,Nusa Tenggara Barat\n",
            RegenciesCsv = $"kode,kode_provinsi,nama,jenis\n{LombokBarat},52,Kabupaten Lombok Barat,kabupaten\n",
        }, await System.AdminHeadersAsync());
    }

    /// <summary>Headers of a new office client of the region with the roles (registered by the bootstrap admin).</summary>
    public async Task<Metadata> OfficeHeadersAsync(string regionCode, params string[] roles)
    {
        var credentials = new OfficeCredentials.OfficeCredentialsClient(System.Channel(TestSystem.RegionDirectory));
        var client = await credentials.RegisterClientAsync(new RegisterClientRequest
        {
            DisplayName = $"{string.Join("+", roles)} {regionCode}",
            RegionCode = regionCode,
            Roles = { roles },
        }, await System.AdminHeadersAsync());
        return TestSystem.Bearer(await System.TokenAsync(client.Client.ClientId, client.ClientSecret));
    }

    /// <summary>A registered laporan in the region, submitted by a desk of that region; its id.</summary>
    public async Task<string> SubmitAsync(SubmitComplaintRequest request) =>
        (await Complaints.SubmitComplaintAsync(request, await System.IntakeOfficerHeadersAsync(request.RegionCode))).ComplaintId;

    public async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var connection = new NpgsqlConnection(System.Setting(TestSystem.Complaints, "ConnectionStrings__complaintsdb"));
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync() => await System.DisposeAsync();
}
