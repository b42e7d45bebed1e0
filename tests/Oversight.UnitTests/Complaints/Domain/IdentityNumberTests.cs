using Oversight.Complaints.Domain.Identity;

namespace Oversight.UnitTests.Complaints.Domain;

public sealed class IdentityNumberTests
{
    private static readonly DateOnly Today = new(2024, 10, 3);

    [Theory]
    [InlineData("198507122010011003")]
    [InlineData("199202292019032001")] // born on a leap day, appointed Mar 2019, female
    [InlineData("200010012024101999")] // appointed this month
    public void A_valid_NIP_has_no_errors(string nip) => Assert.Empty(Nip.Validate(nip, Today));

    [Fact]
    public void A_NIP_parses_into_its_parts()
    {
        var parts = Nip.Parse("199202292019032001", Today)!;
        Assert.Equal(new NipParts(new DateOnly(1992, 2, 29), 2019, 3, true, 1), parts);
        Assert.Null(Nip.Parse("19920229201903200", Today));
    }

    [Theory]
    [InlineData(null, "nip: required")]
    [InlineData("", "nip: required")]
    [InlineData("19850712201001100", "nip: must be 18 digits, got 17 characters")]
    [InlineData("1985071220100110031", "nip: must be 18 digits, got 19 characters")]
    [InlineData("19850712201001100x", "nip: must contain only the digits 0-9")]
    [InlineData("１98507122010011003", "nip: must contain only the digits 0-9")]
    [InlineData("198713452010011003", "nip: birth date part 19871345 is not a date")]
    [InlineData("199102292015011003", "nip: birth date part 19910229 is not a date")]
    [InlineData("198507122010131003", "nip: appointment part 201013 is not a month")]
    [InlineData("198507122010001003", "nip: appointment part 201000 is not a month")]
    [InlineData("198507122024111003", "nip: appointment part 202411 is after today (2024-10-03)")]
    [InlineData("198507122003061003", "nip: appointment part 200306 is before the holder (born 19850712) turned 18")]
    [InlineData("195001012011011003", "nip: appointment part 201101 is when the holder (born 19500101) was over 60")]
    [InlineData("198507122010013003", "nip: sex digit must be 1 or 2, got 3")]
    [InlineData("198507122010011000", "nip: sequence part must be 001-999, got 000")]
    public void Each_bad_part_of_a_NIP_is_named(string? nip, string error) =>
        Assert.Equal([error], Nip.Validate(nip, Today));

    [Fact]
    public void Several_bad_parts_are_all_reported_under_the_given_field()
    {
        Assert.Equal(
            ["reported.nip: birth date part 19871345 is not a date", "reported.nip: appointment part 201013 is not a month",
             "reported.nip: sex digit must be 1 or 2, got 0", "reported.nip: sequence part must be 001-999, got 000"],
            Nip.Validate("198713452010130000", Today, "reported.nip"));
    }

    [Fact]
    public void Turning_18_within_the_appointment_month_is_enough()
    {
        Assert.Empty(Nip.Validate("198506302003061003", Today)); // 18 on 30 Jun 2003
        Assert.NotEmpty(Nip.Validate("198507012003061003", Today)); // 18 only on 1 Jul 2003
    }

    [Theory]
    [InlineData("5271014506900001", true)]  // day 05 + 40: a woman born 5 Jun 1990
    [InlineData("5271010506900001", false)]
    [InlineData("9171012902000001", false)] // 29 Feb 2000 exists
    [InlineData("3171017112990001", true)]  // 31 Dec 1999, woman
    public void A_valid_NIK_has_no_errors_and_tells_the_sex(string nik, bool female)
    {
        Assert.Empty(Nik.Validate(nik));
        Assert.Equal(female, Nik.IsFemale(nik));
    }

    [Theory]
    [InlineData(null, "nik: required")]
    [InlineData("527101450690001", "nik: must be 16 digits, got 15 characters")]
    [InlineData("52710145069000a1", "nik: must contain only the digits 0-9")]
    [InlineData("9971014506900001", "nik: province part 99 is not a province code")]
    [InlineData("5200014506900001", "nik: regency part must be 01-99, got 00")]
    [InlineData("5271004506900001", "nik: district part must be 01-99, got 00")]
    [InlineData("5271013506900001", "nik: birth date part 350690 is not a date (ddmmyy, day + 40 for women)")]
    [InlineData("5271017206900001", "nik: birth date part 720690 is not a date (ddmmyy, day + 40 for women)")]
    [InlineData("5271014513900001", "nik: birth date part 451390 is not a date (ddmmyy, day + 40 for women)")]
    [InlineData("5271012902010001", "nik: birth date part 290201 is not a date (ddmmyy, day + 40 for women)")]
    [InlineData("5271014506900000", "nik: sequence part must be 0001-9999, got 0000")]
    public void Each_bad_part_of_a_NIK_is_named(string? nik, string error)
    {
        Assert.Equal([error], Nik.Validate(nik));
        Assert.Null(Nik.IsFemale(nik));
    }
}
