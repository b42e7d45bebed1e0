using Oversight.RegionDirectory.Model.Offices;

namespace Oversight.UnitTests.RegionDirectory.Offices;

/// <summary>The routing rules over in-memory data: who is PPK on which date, and each fallback up the tree.</summary>
public sealed class ComplaintRouterTests
{
    private static readonly string[] Mataram = ["52.71", "52"];
    private static readonly string[] MahakamUlu = ["64.11", "64"];

    private static OfficeRecord Office(string kind, string? region, string name, string? email = null, string? webhook = null) =>
        new() { Id = Guid.NewGuid(), Kind = kind, RegionCode = region, Name = name, Email = email, WebhookUrl = webhook };

    private static OfficialRecord Official(string region, string role, string name, string start, string? end = null) => new()
    {
        Id = Guid.NewGuid(), RegionCode = region, Role = role, Name = name,
        TermStart = DateOnly.Parse(start), TermEnd = end is null ? null : DateOnly.Parse(end),
    };

    private static readonly OfficialRecord Mayor = Official("52.71", OfficialRole.RegionalHead, "Mohan Roliskana", "2021-02-26");
    private static readonly OfficialRecord Pjs = Official("52.71", OfficialRole.ActingHeadPjs, "Tri Budiprayitno", "2024-09-23", "2024-11-23");

    private static RoutingDecision Route(string[] chain, string date, OfficeRecord[] offices, OfficialRecord[] officials, string[]? employing = null) =>
        ComplaintRouter.Route(new RoutingInput(chain, employing ?? chain, DateOnly.Parse(date), offices, officials));

    [Theory]
    [InlineData("2024-09-22", "Mohan Roliskana")]
    [InlineData("2024-09-23", "Tri Budiprayitno")]
    [InlineData("2024-11-01", "Tri Budiprayitno")]
    [InlineData("2024-11-23", "Tri Budiprayitno")]
    [InlineData("2024-11-24", "Mohan Roliskana")]
    [InlineData("2024-12-01", "Mohan Roliskana")]
    public void The_pjs_is_ppk_during_the_incumbents_leave_and_the_head_before_and_after(string date, string expected)
    {
        var decision = Route(Mataram, date, [], [Mayor, Pjs]);

        Assert.Equal(expected, decision.Ppk?.Name);
        Assert.DoesNotContain(decision.Fallbacks, f => f.Role == RoutingRole.Ppk);
    }

    [Fact]
    public void An_explicit_ppk_designation_outranks_the_acting_and_the_regional_head()
    {
        var designated = Official("52.71", OfficialRole.PpkDesignation, "Designated PPK", "2024-10-01", "2024-10-31");

        Assert.Equal("Designated PPK", Route(Mataram, "2024-10-15", [], [Mayor, Pjs, designated]).Ppk?.Name);
        Assert.Equal("Tri Budiprayitno", Route(Mataram, "2024-11-01", [], [Mayor, Pjs, designated]).Ppk?.Name);
    }

    [Fact]
    public void A_sekda_is_never_ppk_and_without_a_head_the_governor_is_used_with_a_fallback()
    {
        var sekda = Official("52.71", OfficialRole.Sekda, "Lalu Alwan Basri", "2024-01-01");
        var governor = Official("52", OfficialRole.RegionalHead, "Governor", "2024-01-01");

        var decision = Route(Mataram, "2024-11-01", [], [sekda, governor]);

        Assert.Equal("Governor", decision.Ppk?.Name);
        var fallback = Assert.Single(decision.Fallbacks, f => f.Role == RoutingRole.Ppk);
        Assert.Equal(("52.71", "52", FallbackReason.NoOfficialOnDate), (fallback.RequestedRegionCode, fallback.UsedRegionCode, fallback.Reason));
    }

    [Fact]
    public void A_regency_without_bawaslu_falls_back_to_the_province_and_says_so()
    {
        var kaltim = Office(OfficeKind.Bawaslu, "64", "Bawaslu Provinsi Kalimantan Timur");
        var berau = Office(OfficeKind.Bawaslu, "64.03", "Bawaslu Kabupaten Berau");

        var decision = Route(MahakamUlu, "2024-11-01", [kaltim, berau], []);

        Assert.Equal(kaltim.Id, decision.Bawaslu?.Id);
        var fallback = Assert.Single(decision.Fallbacks, f => f.Role == RoutingRole.Bawaslu);
        Assert.Equal(("64.11", "64", FallbackReason.NoOfficeInRegion), (fallback.RequestedRegionCode, fallback.UsedRegionCode, fallback.Reason));
    }

    [Fact]
    public void The_regions_own_bawaslu_is_used_without_a_fallback()
    {
        var ntb = Office(OfficeKind.Bawaslu, "52", "Bawaslu Provinsi Nusa Tenggara Barat");
        var mataram = Office(OfficeKind.Bawaslu, "52.71", "Bawaslu Kota Mataram");

        var decision = Route(Mataram, "2024-11-01", [ntb, mataram], [Mayor]);

        Assert.Equal(mataram.Id, decision.Bawaslu?.Id);
        Assert.DoesNotContain(decision.Fallbacks, f => f.Role == RoutingRole.Bawaslu);
    }

    [Fact]
    public void Bawaslu_follows_the_place_while_ppk_and_agency_follow_the_employing_region()
    {
        var mataramBawaslu = Office(OfficeKind.Bawaslu, "52.71", "Bawaslu Kota Mataram");
        var mataramAgency = Office(OfficeKind.CivilServiceAgency, "52.71", "BKPSDM Kota Mataram");
        var kaltimAgency = Office(OfficeKind.CivilServiceAgency, "64", "BKD Provinsi Kalimantan Timur");
        var kaltimGovernor = Official("64", OfficialRole.ActingHeadPj, "Pj Governor", "2024-01-01");

        var bkn = Office(OfficeKind.Bkn, null, "BKN");

        var decision = Route(Mataram, "2024-11-01", [mataramBawaslu, mataramAgency, kaltimAgency, bkn], [Mayor, Pjs, kaltimGovernor], employing: MahakamUlu);

        Assert.Equal(mataramBawaslu.Id, decision.Bawaslu?.Id);
        Assert.Equal(kaltimAgency.Id, decision.CivilServiceAgency?.Id);
        Assert.Equal("Pj Governor", decision.Ppk?.Name);
        Assert.Equal(("52.71", "64.11"), (decision.RegionCode, decision.EmployingRegionCode));
        Assert.Equal(
            [(RoutingRole.Ppk, "64.11", "64"), (RoutingRole.CivilServiceAgency, "64.11", "64")],
            decision.Fallbacks.Select(f => (f.Role, f.RequestedRegionCode, f.UsedRegionCode!)));
    }

    [Fact]
    public void Nothing_anywhere_leaves_the_role_empty_with_a_not_found_fallback()
    {
        var decision = Route(MahakamUlu, "2024-11-01", [], []);

        Assert.Null(decision.Bawaslu);
        Assert.Null(decision.Ppk);
        Assert.Null(decision.Bkn);
        Assert.Equal(
            [(RoutingRole.Bawaslu, "64.11"), (RoutingRole.Ppk, "64.11"), (RoutingRole.CivilServiceAgency, "64.11"), (RoutingRole.Bkn, "")],
            decision.Fallbacks.Select(f => (f.Role, f.RequestedRegionCode)));
        Assert.All(decision.Fallbacks, f => Assert.Equal((null, FallbackReason.NotFound), (f.UsedRegionCode, f.Reason)));
    }

    [Fact]
    public void Contacts_list_each_channel_of_each_office_and_reach_the_ppk_through_the_regional_government()
    {
        var bawaslu = Office(OfficeKind.Bawaslu, "52.71", "Bawaslu Kota Mataram", "b@oversight.example", "https://hooks.oversight.example/b");
        var pemda = Office(OfficeKind.RegionalGovernment, "52.71", "Pemerintah Kota Mataram", "p@oversight.example");
        var bkn = Office(OfficeKind.Bkn, null, "BKN", webhook: "https://bkn.oversight.example/h");
        var desk = Office(OfficeKind.ComplaintDesk, "52.71", "Posko", "desk@oversight.example");

        var decision = Route(Mataram, "2024-11-01", [bawaslu, pemda, bkn, desk], [Mayor, Pjs]);

        Assert.Equal(bkn.Id, decision.Bkn?.Id);
        Assert.Equal(
            [
                (RoutingRole.Bawaslu, RoutingContact.Email, "b@oversight.example"),
                (RoutingRole.Bawaslu, RoutingContact.Webhook, "https://hooks.oversight.example/b"),
                (RoutingRole.Ppk, RoutingContact.Email, "p@oversight.example"),
                (RoutingRole.Bkn, RoutingContact.Webhook, "https://bkn.oversight.example/h"),
            ],
            decision.Contacts.Select(c => (c.Role, c.Channel, c.Address)));
    }
}
