using Oversight.RegionDirectory.Infrastructure.Offices;
using Oversight.RegionDirectory.Model.Offices;

namespace Oversight.UnitTests.RegionDirectory.Offices;

/// <summary>Every broken rule of an office or official is named with its field; good input becomes a record.</summary>
public sealed class OfficeValidationTests
{
    private static readonly OfficeInput Good = new("", "bawaslu", "52.71", "Bawaslu Kota Mataram",
        Email: "bawaslu@oversight.example", Phone: "+62 370 123456", WebhookUrl: "https://hooks.oversight.example/x");

    [Fact]
    public void A_good_office_becomes_a_record_with_a_new_id_and_trimmed_texts()
    {
        var (office, errors) = OfficeValidation.Validate(Good with { Name = "  Bawaslu Kota Mataram " });

        Assert.False(errors.Any, errors.ToString());
        Assert.NotEqual(Guid.Empty, office!.Id);
        Assert.Equal(("bawaslu", "52.71", "Bawaslu Kota Mataram", null), (office.Kind, office.RegionCode, office.Name, office.Address));
    }

    [Fact]
    public void Every_bad_field_is_named_with_its_rule()
    {
        var (office, errors) = OfficeValidation.Validate(new OfficeInput("nope", "x", "52.7", "", Email: "not-mail", Phone: "call me",
            WebhookUrl: "ftp://hooks.oversight.example", OpeningHours: "always"));

        Assert.Null(office);
        Assert.Equal(
            [
                "id: must be a UUID, or empty to create a new record",
                "kind: unknown office kind 'x' (expected one of bawaslu, kpu, bkd, pemda, complaint_desk, bkn)",
                "region_code: malformed (must be a Kemendagri code like 52 or 52.71)",
                "name: is required",
                "email: not an e-mail address",
                "phone: not a phone number (digits, optionally a leading +, spaces, dashes or parentheses; 5 to 15 digits)",
                "webhook_url: must be an absolute http or https URL",
                "opening_hours: only a complaint desk has opening hours",
            ],
            errors.All);
    }

    [Theory]
    [InlineData("a@b", "not an e-mail address")]
    [InlineData("a b@oversight.example", "not an e-mail address")]
    [InlineData("a@@oversight.example", "not an e-mail address")]
    public void Email_rule(string email, string rule) => Assert.Equal(rule, ContactRules.CheckEmail(email));

    [Theory]
    [InlineData("/relative/path", "must be an absolute http or https URL")]
    [InlineData("https://user:pw@hooks.oversight.example/", "must not contain user name or password")]
    [InlineData("http://hooks.oversight.example/x", null)]
    public void Webhook_rule(string url, string? rule) => Assert.Equal(rule, ContactRules.CheckWebhookUrl(url));

    [Fact]
    public void Bkn_is_national_and_other_kinds_need_a_region()
    {
        Assert.Equal(["region_code: must be empty for a national office (bkn)"],
            OfficeValidation.Validate(Good with { Kind = "bkn" }).Errors.All);
        Assert.Equal(["region_code: is required for a regional office"],
            OfficeValidation.Validate(Good with { RegionCode = "" }).Errors.All);
        Assert.Null(OfficeValidation.Validate(Good with { Kind = "bkn", RegionCode = "" }).Office!.RegionCode);
    }

    [Fact]
    public void A_complaint_desk_needs_an_opening_date_and_a_period_in_order()
    {
        var desk = Good with { Kind = "complaint_desk", OpeningHours = "Senin-Jumat 08.00-16.00 WITA" };

        Assert.Equal(["open_from: is required for a complaint desk"], OfficeValidation.Validate(desk).Errors.All);
        Assert.Equal(["open_until: before open_from"],
            OfficeValidation.Validate(desk with { OpenFrom = "2024-10-01", OpenUntil = "2024-09-30" }).Errors.All);
        Assert.Equal(["open_from: must be a date like 2024-11-01"],
            OfficeValidation.Validate(desk with { OpenFrom = "1 Oct 2024" }).Errors.All);
        Assert.Equal(new DateOnly(2024, 10, 1), OfficeValidation.Validate(desk with { OpenFrom = "2024-10-01" }).Office!.OpenFrom);
    }

    [Fact]
    public void Official_terms_are_checked()
    {
        var pjs = new OfficialInput("", "52.71", "acting_head_pjs", "Tri Budiprayitno", "2024-09-23", "2024-11-23");

        Assert.False(OfficialValidation.Validate(pjs).Errors.Any);
        Assert.Equal(["term_end: before term_start"], OfficialValidation.Validate(pjs with { TermEnd = "2024-09-01" }).Errors.All);
        Assert.Equal(["term_end: is required for a Pjs (the end of the incumbent's leave)"],
            OfficialValidation.Validate(pjs with { TermEnd = "" }).Errors.All);
        Assert.Equal(
            ["role: unknown official role 'mayor' (expected one of regional_head, acting_head_pj, acting_head_pjs, sekda, ppk, bkd_head, bawaslu_chair)", "term_start: is required"],
            OfficialValidation.Validate(pjs with { Role = "mayor", TermStart = "" }).Errors.All);
    }

    [Fact]
    public void The_shipped_seed_passes_the_same_rules_and_uses_only_placeholder_addresses()
    {
        var (offices, officials) = OfficeSeedData.Load();

        Assert.Contains(offices, o => o is { Kind: OfficeKind.Bkn, RegionCode: null });
        Assert.DoesNotContain(offices, o => o is { Kind: OfficeKind.Bawaslu, RegionCode: "64.11" });
        Assert.All(offices, o => Assert.True(o.Email is null || o.Email.EndsWith("oversight.example", StringComparison.Ordinal), o.Email));
        Assert.All(offices, o => Assert.True(o.WebhookUrl is null || new Uri(o.WebhookUrl).Host.EndsWith("oversight.example", StringComparison.Ordinal), o.WebhookUrl));
        Assert.Equal(offices.Count, offices.Select(o => o.Id).Distinct().Count());
        Assert.Equal(officials.Count, officials.Select(o => o.Id).Distinct().Count());
        Assert.Empty(offices.Select(o => o.Id).Intersect(officials.Select(o => o.Id)));
    }
}
