using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.RegionDirectory;
using Oversight.Notifications.Model.Routing;

namespace Oversight.UnitTests.Notifications;

public sealed class RecipientRulesTests
{
    private static ComplaintRouting Routing(string region) => new()
    {
        RegionCode = region,
        Bawaslu = new Office { Id = "b", Kind = "bawaslu", Name = $"Bawaslu {region}", Email = $"bawaslu-{region}@x.example" },
        Contacts =
        {
            new RoutingContact { Role = "bawaslu", OfficeId = "b", OfficeName = $"Bawaslu {region}", Channel = "email", Address = $"Bawaslu-{region}@x.example" },
            new RoutingContact { Role = "bawaslu", OfficeId = "b", OfficeName = $"Bawaslu {region}", Channel = "webhook", Address = "https://hooks.x.example/b" },
            new RoutingContact { Role = "ppk", OfficeId = "p", OfficeName = "Pemkot", Channel = "email", Address = "pemkot@x.example" },
            new RoutingContact { Role = "civil_service_agency", OfficeId = "c", OfficeName = "BKPSDM", Channel = "email", Address = "bkpsdm@x.example" },
            new RoutingContact { Role = "bkn", OfficeId = "n", OfficeName = "BKN", Channel = "email", Address = "bkn@x.example" },
        },
    };

    private static DeadlineMissed Missed(string owner) => new()
    {
        ComplaintId = Guid.NewGuid(), DeadlineId = Guid.NewGuid(), Kind = "ppk_follow_up", Owner = owner, DueAt = DateTimeOffset.UtcNow, RegionCode = "52.71",
    };

    [Fact]
    public void A_new_complaint_goes_to_the_bawaslu_office_once_and_to_the_regions_complaint_desks_only()
    {
        var offices = new[]
        {
            new Office { Id = "d", Kind = "complaint_desk", Name = "Posko", Email = "posko@x.example" },
            new Office { Id = "k", Kind = "kpu", Name = "KPU", Email = "kpu@x.example" },
            new Office { Id = "e", Kind = "complaint_desk", Name = "Posko tanpa email" },
        };
        var recipients = RecipientRules.ForComplaintSubmitted(Routing("52.71"), offices);
        // The contact and the office carry the same address in different case: one e-mail, not two; no webhook contact.
        Assert.Equal(new[] { "Bawaslu-52.71@x.example", "posko@x.example" }, recipients.Select(r => r.Address));
        Assert.Equal(new[] { "bawaslu", "complaint_desk" }, recipients.Select(r => r.Role));
    }

    [Fact]
    public void A_recommendation_goes_to_the_ppk_the_civil_service_agency_and_bkn()
    {
        var recipients = RecipientRules.ForRecommendation(Routing("52.71"));
        Assert.Equal(new[] { "ppk", "civil_service_agency", "bkn" }, recipients.Select(r => r.Role));
    }

    [Fact]
    public void A_deadline_goes_to_its_owner_and_a_missed_ppk_deadline_also_to_the_province_and_bkn()
    {
        Assert.Equal(new[] { "bawaslu" }, RecipientRules.ForDeadline(Missed("bawaslu"), Routing("52.71"), null).Select(r => r.Role));
        Assert.Equal(new[] { "bkn" }, RecipientRules.ForDeadline(Missed("bkn"), Routing("52.71"), null).Select(r => r.Role));

        var ppk = RecipientRules.ForDeadline(Missed("ppk"), Routing("52.71"), Routing("52"));
        Assert.Equal(new[] { "ppk", "province", "bkn" }, ppk.Select(r => r.Role));
        Assert.Equal("Bawaslu-52@x.example", ppk[1].Address);

        var approaching = new DeadlineApproaching
        {
            ComplaintId = Guid.NewGuid(), DeadlineId = Guid.NewGuid(), Kind = "ppk_follow_up", Owner = "ppk", DueAt = DateTimeOffset.UtcNow, RegionCode = "52.71",
        };
        Assert.Equal(new[] { "ppk" }, RecipientRules.ForDeadline(approaching, Routing("52.71"), Routing("52")).Select(r => r.Role));
    }

    [Theory]
    [InlineData("52.71", "52")]
    [InlineData("52", "52")]
    public void The_province_of_a_region_is_its_first_two_digits(string region, string province) =>
        Assert.Equal(province, RecipientRules.ProvinceOf(region));
}
