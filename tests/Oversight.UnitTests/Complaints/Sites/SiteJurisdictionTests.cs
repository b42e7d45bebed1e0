using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Oversight.Complaints.Grpc.Admission;

namespace Oversight.UnitTests.Complaints.Sites;

/// <summary>A site's complaints service takes only its province; the centre's every province but the sites'.</summary>
public sealed class SiteJurisdictionTests
{
    private static SiteJurisdiction With(params (string Key, string Value)[] settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

    [Fact]
    public void Without_sites_every_province_is_taken()
    {
        var jurisdiction = With();
        jurisdiction.Admit("52.71");
        jurisdiction.Admit("64.03");
    }

    [Fact]
    public void The_site_takes_its_province_and_sends_the_others_to_the_centre()
    {
        var site = With(("Complaints:Sites:Province", "52"));
        site.Admit("52.71");
        site.Admit("52");

        var refused = Assert.Throws<RpcException>(() => site.Admit("64.03"));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal("region_code: this is the regional site of province 52; complaints of region 64.03 are taken at the national centre", refused.Status.Detail);
    }

    [Fact]
    public void The_centre_sends_a_site_province_to_its_site_and_takes_the_rest()
    {
        var centre = With(("Complaints:Sites:Elsewhere", "52, 64"));
        centre.Admit("74.71");

        var refused = Assert.Throws<RpcException>(() => centre.Admit("52.71"));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal("region_code: complaints of province 52 are taken at its regional site (site-52-complaints), not at the national centre", refused.Status.Detail);
        Assert.Throws<RpcException>(() => centre.Admit("64.03"));
    }

    [Fact]
    public void A_service_set_as_both_a_site_and_the_centre_does_not_start()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => With(("Complaints:Sites:Province", "52"), ("Complaints:Sites:Elsewhere", "64")));
        Assert.Contains("Complaints:Sites", refused.Message);
    }
}
