using System.Security.Claims;
using Oversight.Security.Authentication;

namespace Oversight.UnitTests.Authentication;

/// <summary>A region scope is a region and everything below it; national ("") covers all; anything malformed covers nothing.</summary>
public sealed class RegionScopeTests
{
    [Theory]
    [InlineData("52", "52")]
    [InlineData("52", "52.71")]
    [InlineData("52.71", "52.71")]
    [InlineData("", "52")]
    [InlineData("", "74.71")]
    [InlineData("", "")]
    public void A_scope_covers_itself_and_what_is_below_it(string scope, string code) =>
        Assert.True(RegionScope.Covers(scope, code));

    [Theory]
    [InlineData("52", "53")]
    [InlineData("52", "5")]
    [InlineData("52", "")]            // a province does not cover the nation
    [InlineData("52", "53.71")]
    [InlineData("52", "520")]
    [InlineData("52.71", "52")]       // a city does not cover its province
    [InlineData("52.71", "52.72")]
    [InlineData("5", "52")]           // malformed scopes cover nothing, not even a prefix
    [InlineData("52.", "52.71")]
    [InlineData(null, "52")]
    [InlineData("", null)]
    [InlineData("", "52.7")]          // malformed codes are covered by nothing, national included
    [InlineData("", "52\n")]
    [InlineData("", "５２")]
    public void A_scope_covers_nothing_beside_or_above_it(string? scope, string? code) =>
        Assert.False(RegionScope.Covers(scope, code));

    [Fact]
    public void The_principal_helpers_read_roles_and_scope_from_the_claims()
    {
        var mataramDesk = Principal("52.71", OfficeRoles.IntakeOfficer, OfficeRoles.Reviewer);

        Assert.True(mataramDesk.HasOfficeRole(OfficeRoles.IntakeOfficer));
        Assert.False(mataramDesk.HasOfficeRole(OfficeRoles.Admin));
        Assert.True(mataramDesk.CoversRegion("52.71"));
        Assert.False(mataramDesk.CoversRegion("52"));
        Assert.True(Principal(RegionScope.National, OfficeRoles.Admin).CoversRegion("74.71"));
    }

    [Fact]
    public void An_unauthenticated_principal_or_one_without_a_region_claim_has_no_role_and_covers_nothing()
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity([new Claim(OfficeClaims.Role, OfficeRoles.Admin), new Claim(OfficeClaims.Region, "")]));
        Assert.False(anonymous.HasOfficeRole(OfficeRoles.Admin));
        Assert.False(anonymous.CoversRegion("52"));

        var noRegion = new ClaimsPrincipal(new ClaimsIdentity([new Claim(OfficeClaims.Role, OfficeRoles.Admin)], "Bearer"));
        Assert.Null(noRegion.RegionScopeOf());
        Assert.False(noRegion.CoversRegion("52"));
    }

    [Fact]
    public void Role_names_are_the_five_known_lower_case_names()
    {
        Assert.Equal(["intake_officer", "reviewer", "sanction_officer", "admin", "integrator"], OfficeRoles.All);
        Assert.False(OfficeRoles.IsKnown("Admin"));
        Assert.False(OfficeRoles.IsKnown("superuser"));
    }

    private static ClaimsPrincipal Principal(string region, params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim(OfficeClaims.Subject, "oc-test"), new Claim(OfficeClaims.Region, region), .. roles.Select(r => new Claim(OfficeClaims.Role, r))],
            authenticationType: "Bearer"));
}
