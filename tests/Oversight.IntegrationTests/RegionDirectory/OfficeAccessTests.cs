using System.Net;
using Grpc.Core;
using Oversight.Contracts.OfficeCredentials;
using Oversight.Contracts.RegionDirectory;
using Oversight.Testing;
using static Oversight.Contracts.OfficeCredentials.OfficeCredentials;
using static Oversight.Contracts.RegionDirectory.RegionDirectory;

namespace Oversight.IntegrationTests.RegionDirectory;

/// <summary>A token's region scope decides whose offices, officials and routing a caller may read or change.</summary>
public sealed class OfficeAccessTests(RegionDirectoryFixture fixture) : IClassFixture<RegionDirectoryFixture>
{
    private const string BawasluKendari = "5eed0001-0000-4000-8000-000000747101";

    private TestSystem System => fixture.System;

    [Fact]
    public async Task A_kota_mataram_admin_cannot_read_or_change_kota_kendaris_offices()
    {
        var mataram = new RegionDirectoryClient(System.Authorized(TestSystem.RegionDirectory, await TokenForAsync("52.71", "admin")));

        // Its own region: read and write.
        var own = (await mataram.ListOfficesAsync(new ListOfficesRequest { RegionCode = "52.71" })).Offices;
        Assert.Contains(own, o => o.Name == "Bawaslu Kota Mataram");
        var desk = own.Single(o => o.Kind == "complaint_desk");
        desk.OpeningHours = "Senin-Sabtu 08.00-15.00 WITA";
        await mataram.UpsertOfficeAsync(new UpsertOfficeRequest { Office = desk });

        // Kota Kendari: every read and write refused, naming the scope.
        await AssertDeniedAsync(() => mataram.ListOfficesAsync(new ListOfficesRequest { RegionCode = "74.71" }).ResponseAsync);
        await AssertDeniedAsync(() => mataram.ListOfficialsAsync(new ListOfficialsRequest { RegionCode = "74.71" }).ResponseAsync);
        await AssertDeniedAsync(() => mataram.GetOfficeAsync(new GetOfficeRequest { Id = BawasluKendari }).ResponseAsync);
        await AssertDeniedAsync(() => mataram.RouteComplaintAsync(new RouteComplaintRequest { RegionCode = "74.71", Date = "2024-11-01" }).ResponseAsync);
        await AssertDeniedAsync(() => mataram.UpsertOfficeAsync(new UpsertOfficeRequest
        {
            Office = new Office { Kind = "kpu", RegionCode = "74.71", Name = "KPU Kota Kendari" },
        }).ResponseAsync);
        await AssertDeniedAsync(() => mataram.DeleteOfficeAsync(new DeleteOfficeRequest { Id = BawasluKendari }).ResponseAsync);
        // Nor may it take Kendari's office over by moving it into its own region.
        await AssertDeniedAsync(() => mataram.UpsertOfficeAsync(new UpsertOfficeRequest
        {
            Office = new Office { Id = BawasluKendari, Kind = "bawaslu", RegionCode = "52.71", Name = "Bawaslu Kota Kendari" },
        }).ResponseAsync);

        // Nothing changed in Kendari, as a national admin sees it.
        var admin = new RegionDirectoryClient(System.Authorized(TestSystem.RegionDirectory, fixture.AdminToken));
        var kendari = await admin.GetOfficeAsync(new GetOfficeRequest { Id = BawasluKendari });
        Assert.Equal(("74.71", "Bawaslu Kota Kendari"), (kendari.RegionCode, kendari.Name));
        Assert.DoesNotContain((await admin.ListOfficesAsync(new ListOfficesRequest { RegionCode = "74.71" })).Offices, o => o.Kind == "kpu");
    }

    [Fact]
    public async Task Reading_needs_a_token_and_writing_needs_the_admin_role()
    {
        var anonymous = new RegionDirectoryClient(System.Channel(TestSystem.RegionDirectory));
        var noToken = await Assert.ThrowsAsync<RpcException>(() => anonymous.ListOfficesAsync(new ListOfficesRequest { RegionCode = "52.71" }).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, noToken.StatusCode);

        var intake = new RegionDirectoryClient(System.Authorized(TestSystem.RegionDirectory, await TokenForAsync("52.71", "intake_officer")));
        Assert.NotEmpty((await intake.ListOfficesAsync(new ListOfficesRequest { RegionCode = "52.71" })).Offices);
        Assert.Equal("Tri Budiprayitno", (await intake.RouteComplaintAsync(new RouteComplaintRequest { RegionCode = "52.71", Date = "2024-11-01" })).Ppk.Name);
        var write = await Assert.ThrowsAsync<RpcException>(() => intake.UpsertOfficeAsync(new UpsertOfficeRequest
        {
            Office = new Office { Kind = "kpu", RegionCode = "52.71", Name = "KPU Kota Mataram" },
        }).ResponseAsync);
        Assert.Equal((StatusCode.PermissionDenied, "Permission denied: requires the admin role."), (write.StatusCode, write.Status.Detail));

        // Region look-ups stay public reference data.
        Assert.Equal("Kota Kendari", (await anonymous.GetRegionAsync(new GetRegionRequest { Code = "74.71" })).Name);
    }

    [Fact]
    public async Task Over_rest_a_foreign_region_is_403_and_no_token_is_401()
    {
        using var http = System.Http(TestSystem.RegionDirectory);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/v1/regions/74.71/offices")).StatusCode);

        http.DefaultRequestHeaders.Authorization = new("Bearer", await TokenForAsync("52.71", "reviewer"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/regions/52.71/offices")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/v1/regions/74.71/offices")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/v1/routing/74.71")).StatusCode);
    }

    private static async Task AssertDeniedAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("region scope 52.71 does not cover region", error.Status.Detail);
    }

    private async Task<string> TokenForAsync(string regionCode, string role)
    {
        var credentials = new OfficeCredentialsClient(System.Authorized(TestSystem.RegionDirectory, fixture.AdminToken));
        var registered = await credentials.RegisterClientAsync(new RegisterClientRequest
        {
            DisplayName = $"{role} of {regionCode}",
            RegionCode = regionCode,
            Roles = { role },
        });
        return await System.TokenAsync(registered.Client.ClientId, registered.ClientSecret);
    }
}
