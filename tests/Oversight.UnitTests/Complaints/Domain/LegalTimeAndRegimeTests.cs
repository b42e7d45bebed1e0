using Oversight.Complaints.Domain.Regimes;
using static Oversight.UnitTests.Complaints.Domain.ComplaintFixtures;

namespace Oversight.UnitTests.Complaints.Domain;

public sealed class LegalTimeAndRegimeTests
{
    private static readonly IReadOnlySet<DateOnly> NoHolidays = new HashSet<DateOnly>();

    [Fact]
    public void Calendar_days_count_from_the_day_after_and_fall_due_at_midnight_WIB()
    {
        // Thursday 3 Oct is day 0; day 3 is Sunday 6 Oct; due at 00:00 WIB on Monday 7 Oct.
        var due = LegalTime.DueAt(Wib(10, 3, 23, 59), DayCount.CalendarDays(3), NoHolidays);
        Assert.Equal(Wib(10, 7, 0), due);
        Assert.Equal(new DateOnly(2024, 10, 6), LegalTime.LastDay(Wib(10, 3), DayCount.CalendarDays(3), NoHolidays));
    }

    [Fact]
    public void Working_days_skip_weekends_and_listed_holidays()
    {
        // From Thursday 3 Oct: Fri 4, Mon 7 ... Mon 14 is working day 7.
        Assert.Equal(Wib(10, 15, 0), LegalTime.DueAt(Wib(10, 3), DayCount.WorkingDays(7), NoHolidays));
        // From Saturday: Monday is day 1.
        Assert.Equal(new DateOnly(2024, 10, 7), LegalTime.LastDay(Wib(10, 5), DayCount.WorkingDays(1), NoHolidays));
        // From Monday 25 Nov: the Pilkada voting day (Wed 27 Nov) is a holiday, so day 7 is Thursday 5 Dec, not Wednesday 4 Dec.
        Assert.Equal(new DateOnly(2024, 12, 4), LegalTime.LastDay(Wib(11, 25), DayCount.WorkingDays(7), NoHolidays));
        Assert.Equal(new DateOnly(2024, 12, 5), LegalTime.LastDay(Wib(11, 25), DayCount.WorkingDays(7), ElectionRegimes.Holidays2024));
    }

    [Fact]
    public void The_listed_2024_holidays_are_weekdays()
    {
        Assert.All(ElectionRegimes.Holidays2024, d => Assert.True(d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), d.ToString()));
        Assert.Contains(new DateOnly(2024, 11, 27), ElectionRegimes.Holidays2024);
        Assert.False(LegalTime.IsWorkingDay(new DateOnly(2024, 12, 25), ElectionRegimes.Holidays2024));
        Assert.True(LegalTime.IsWorkingDay(new DateOnly(2024, 12, 24), ElectionRegimes.Holidays2024));
    }

    [Fact]
    public void Pilkada_regime_7_days_to_report_3_days_to_review_extendable_to_5_calendar_days_from_receipt()
    {
        var r = ElectionRegimes.Pilkada2024;
        Assert.Equal(DayCount.CalendarDays(7), r.FilingWindow);
        Assert.Equal(DayCount.CalendarDays(3), r.Review);
        Assert.Equal(DayCount.CalendarDays(5), r.ExtendedReview);
        Assert.Equal(ReviewClockStart.Receipt, r.ReviewClockStart);
        Assert.Equal(DayCount.CalendarDays(7), r.Verification);
        Assert.Contains("UU 10/2016", r.Regulation);
    }

    [Fact]
    public void General_election_regime_7_working_days_to_report_7_to_review_extendable_to_14_from_registration()
    {
        var r = ElectionRegimes.GeneralElection;
        Assert.Equal(DayCount.WorkingDays(7), r.FilingWindow);
        Assert.Equal(DayCount.WorkingDays(7), r.Review);
        Assert.Equal(DayCount.WorkingDays(14), r.ExtendedReview);
        Assert.Equal(ReviewClockStart.Registration, r.ReviewClockStart);
        Assert.Contains("UU 7/2017", r.Regulation);
    }

    [Fact]
    public void Regimes_are_found_by_id_and_configurable()
    {
        Assert.Same(ElectionRegimes.Pilkada2024, ElectionRegimes.Find("pilkada"));
        Assert.Same(ElectionRegimes.GeneralElection, ElectionRegimes.Find("pemilu"));
        Assert.Null(ElectionRegimes.Find("pilpres"));
        var configured = ElectionRegimes.Pilkada2024 with { PpkFollowUp = DayCount.WorkingDays(10) };
        Assert.Equal(DayCount.WorkingDays(10), configured.PpkFollowUp);
        Assert.Equal(DayCount.CalendarDays(14), ElectionRegimes.Pilkada2024.PpkFollowUp);
    }
}
