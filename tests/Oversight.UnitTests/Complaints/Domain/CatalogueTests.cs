using Oversight.Catalogues;
using Oversight.Complaints.Domain.Lifecycle;
using Oversight.Security.Authentication;

namespace Oversight.UnitTests.Complaints.Domain;

public sealed class CatalogueTests
{
    [Fact]
    public void The_violation_catalogue_has_twelve_types_numbered_1_to_12()
    {
        Assert.Equal(Enumerable.Range(1, 12), ViolationCatalogue.All.Select(v => v.Number));
        Assert.All(ViolationCatalogue.All, v => Assert.False(string.IsNullOrWhiteSpace(v.NameId) || string.IsNullOrWhiteSpace(v.NameEn)));
        Assert.Equal(12, ViolationCatalogue.All.Select(v => v.NameEn).Distinct().Count());
        Assert.Null(ViolationCatalogue.Find(0));
        Assert.Null(ViolationCatalogue.Find(13));
    }

    [Theory]
    [InlineData(1, SanctionLevel.Heavy)]
    [InlineData(3, SanctionLevel.Medium)]
    [InlineData(5, SanctionLevel.Dismissal)]
    [InlineData(9, SanctionLevel.Medium)]
    [InlineData(10, SanctionLevel.Heavy)]
    [InlineData(12, SanctionLevel.Heavy)]
    public void Levels_follow_the_SKB_2022_table(int number, SanctionLevel level) =>
        Assert.Equal(level, ViolationCatalogue.Find(number)!.Level);

    [Fact]
    public void Only_types_3_and_9_are_medium_and_only_5_is_dismissal()
    {
        Assert.Equal([3, 9], ViolationCatalogue.All.Where(v => v.Level == SanctionLevel.Medium).Select(v => v.Number));
        Assert.Equal([5], ViolationCatalogue.All.Where(v => v.Level == SanctionLevel.Dismissal).Select(v => v.Number));
    }

    [Fact]
    public void Every_level_of_the_violation_catalogue_has_sanctions()
    {
        foreach (var level in ViolationCatalogue.All.Select(v => v.Level).Distinct())
        {
            Assert.NotEmpty(SanctionCatalogue.ForLevel(level));
        }
    }

    [Fact]
    public void PP_94_2021_has_three_light_three_medium_three_heavy_sanctions_and_two_moral_ones()
    {
        Assert.Equal(3, SanctionCatalogue.ForLevel(SanctionLevel.Light).Count);
        Assert.Equal(3, SanctionCatalogue.ForLevel(SanctionLevel.Medium).Count);
        Assert.Equal(3, SanctionCatalogue.ForLevel(SanctionLevel.Heavy).Count);
        Assert.Equal(["dishonourable_dismissal"], SanctionCatalogue.ForLevel(SanctionLevel.Dismissal).Select(s => s.Code));
        Assert.Equal(["moral_closed_statement", "moral_open_statement"], SanctionCatalogue.Moral.Select(s => s.Code));
        Assert.All(SanctionCatalogue.Moral, s => Assert.Null(s.Level));
        Assert.Equal(SanctionCatalogue.All.Count, SanctionCatalogue.All.Select(s => s.Code).Distinct().Count());
        Assert.All(SanctionCatalogue.All, s => Assert.False(string.IsNullOrWhiteSpace(s.Regulation)));
        Assert.Null(SanctionCatalogue.Find("caning"));
    }

    [Fact]
    public void Domain_roles_are_the_office_roles()
    {
        Assert.Equal(OfficeRoles.IntakeOfficer, ComplaintRoles.IntakeOfficer);
        Assert.Equal(OfficeRoles.Reviewer, ComplaintRoles.Reviewer);
        Assert.Equal(OfficeRoles.SanctionOfficer, ComplaintRoles.SanctionOfficer);
        Assert.Equal(OfficeRoles.Admin, ComplaintRoles.Admin);
        Assert.All(TransitionTable.Rules, r => Assert.True(OfficeRoles.IsKnown(r.Role), r.Role));
    }
}
