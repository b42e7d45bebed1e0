using Oversight.Reporting.Infrastructure.SituationRoom;
using Oversight.Reporting.Model.SituationRoom;
using Stage = Oversight.Reporting.Infrastructure.SituationRoom.ElectionPeriods.ElectionStageDates;

namespace Oversight.UnitTests.Reporting;

/// <summary>The situation room's chart: the election period from a calendar, and which range is shown when.</summary>
public sealed class ChartRangesTests
{
    // Pilkada 2024's stages as the directory serves them (PKPU 2/2024).
    private static readonly Stage[] Pilkada2024 =
    [
        new("candidate-registration", "Candidate registration", new(2024, 8, 27), new(2024, 8, 29)),
        new("campaign", "Campaign", new(2024, 9, 25), new(2024, 11, 23)),
        new("quiet-period", "Quiet period", new(2024, 11, 24), new(2024, 11, 26)),
        new("voting", "Voting", new(2024, 11, 27), new(2024, 11, 27)),
        new("counting-and-recapitulation", "Counting and recapitulation", new(2024, 11, 27), new(2024, 12, 16)),
    ];

    private static readonly ElectionPeriod Election = ElectionPeriods.PeriodOf("pilkada-2024", "PKPU 2/2024", Pilkada2024)!;

    [Fact]
    public void The_election_period_runs_from_the_campaigns_start_to_the_last_stages_end_with_three_dates_marked()
    {
        Assert.Equal((new DateOnly(2024, 9, 25), new DateOnly(2024, 12, 16)), (Election.Range.From, Election.Range.To));
        Assert.Equal(
            ["campaign-start 2024-09-25..2024-09-25", "quiet-period 2024-11-24..2024-11-26", "voting-day 2024-11-27..2024-11-27"],
            Election.KeyDates.Select(k => $"{k.Id} {k.From}..{k.To}"));
    }

    [Fact]
    public void A_calendar_without_a_campaign_gives_no_election_period()
    {
        Assert.Null(ElectionPeriods.PeriodOf("x", "y", [new Stage("voting", "Voting", new(2029, 1, 1), new(2029, 1, 1))]));
    }

    [Theory]
    [InlineData("2024-10-01", "election")] // during the campaign
    [InlineData("2024-12-16", "election")] // the last day of recapitulation
    [InlineData("2024-12-17", "recent")]   // after it: complaints of today must be on the chart
    [InlineData("2026-12-07", "recent")]
    public void Unasked_the_chart_shows_the_election_period_while_it_lasts_then_the_recent_days(string today, string shown)
    {
        var (offered, chosen) = ChartRanges.Choose(Election, DateOnly.Parse(today), "", out var error);
        Assert.Null(error);
        Assert.Equal(shown, chosen!.Id);
        Assert.Equal(["election", "recent"], offered.Select(r => r.Id));
    }

    [Fact]
    public void The_recent_range_is_the_ninety_days_to_today_and_either_range_can_be_asked_for()
    {
        var today = new DateOnly(2026, 12, 7);
        var (_, recent) = ChartRanges.Choose(Election, today, "recent", out _);
        Assert.Equal((new DateOnly(2026, 9, 9), today), (recent!.From, recent.To));
        var (_, election) = ChartRanges.Choose(Election, today, "election", out _);
        Assert.Same(Election.Range, election);
    }

    [Fact]
    public void Without_a_calendar_only_the_recent_days_are_offered()
    {
        var (offered, chosen) = ChartRanges.Choose(null, new DateOnly(2024, 10, 1), "election", out var error);
        Assert.Null(error);
        Assert.Equal("recent", Assert.Single(offered).Id);
        Assert.Equal("recent", chosen!.Id);
    }

    [Fact]
    public void An_unknown_range_is_refused_naming_the_parameter_and_the_choices()
    {
        var (_, chosen) = ChartRanges.Choose(Election, new DateOnly(2026, 12, 7), "all", out var error);
        Assert.Null(chosen);
        Assert.Equal("range: must be election or recent (or absent)", error);
    }
}
