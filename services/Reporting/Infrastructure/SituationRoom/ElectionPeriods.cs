using System.Collections.Concurrent;
using System.Net.Http.Json;
using Oversight.Regions;
using Oversight.Reporting.Model;
using Oversight.Reporting.Model.SituationRoom;

namespace Oversight.Reporting.Infrastructure.SituationRoom;

/// <summary>
/// The election whose calendar the situation room's chart follows, for the region shown, from the region directory
/// (which holds the calendars: one rule in one place): the region's election (<c>GET /v1/regions/{code}/campaign-status</c>;
/// the nation takes the directory's default election) and its stages (<c>GET /v1/elections/{id}/calendar</c>). Both
/// answers are kept in memory for an hour: a calendar changes with a regulation, not by the minute. A directory that
/// does not answer leaves the last answer in use; with none yet, the chart shows only its recent range, and says why.
/// </summary>
public sealed class ElectionPeriods(IHttpClientFactory clients, TimeProvider clock, ILogger<ElectionPeriods> logger)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, (ElectionPeriod? Period, DateTimeOffset Until)> _byRegion = new(StringComparer.Ordinal);

    /// <summary>The region's election period, or null when the directory has never answered (or names no campaign).</summary>
    public async Task<ElectionPeriod?> ForRegionAsync(string regionCode, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        if (_byRegion.TryGetValue(regionCode, out var kept) && kept.Until > now) return kept.Period;
        try
        {
            var period = await AskDirectoryAsync(regionCode, cancellation);
            _byRegion[regionCode] = (period, now + KeepFor);
            return period;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellation.IsCancellationRequested)
        {
            logger.LogWarning("Situation room election calendar of {RegionCode} unavailable from the region directory: {ExceptionType}",
                regionCode, ex.GetType().Name);
            return kept.Period;
        }
    }

    private sealed record StatusJson(string? ElectionId);

    private sealed record StageJson(string Id, string Name, string NameEn, string StartDate, string EndDate);

    private sealed record CalendarJson(string ElectionId, string Regulation, List<StageJson> Stages);

    private async Task<ElectionPeriod?> AskDirectoryAsync(string regionCode, CancellationToken cancellation)
    {
        var directory = clients.CreateClient(DirectorySignIn.ClientName);
        var electionId = "";
        if (regionCode.Length > 0)
        {
            var today = IndonesianTime.Format(IndonesianTime.Today(clock));
            var status = await directory.GetFromJsonAsync<StatusJson>(
                $"/v1/regions/{Uri.EscapeDataString(regionCode)}/campaign-status?date={today}", cancellation);
            electionId = status?.ElectionId ?? "";
        }
        // The nation: the directory's current election.
        var calendar = await directory.GetFromJsonAsync<CalendarJson>(
            $"/v1/elections/{(electionId.Length > 0 ? Uri.EscapeDataString(electionId) : "current")}/calendar", cancellation);
        return calendar is null ? null : PeriodOf(calendar.ElectionId, calendar.Regulation,
            [.. calendar.Stages.Select(s => new ElectionStageDates(s.Id, s.NameEn, Date(s.StartDate), Date(s.EndDate)))]);
    }

    private static DateOnly Date(string text) =>
        IndonesianTime.TryParse(text, out var date) ? date : throw new System.Text.Json.JsonException($"not a date: {text}");

    /// <summary>One stage of a calendar, as the chart needs it.</summary>
    public sealed record ElectionStageDates(string Id, string Name, DateOnly Start, DateOnly End);

    /// <summary>
    /// From the campaign's start to the end of the calendar's last stage (the counting and recapitulation after the
    /// vote, when complaints still arrive); the campaign's start, the quiet period and voting day marked.
    /// </summary>
    public static ElectionPeriod? PeriodOf(string electionId, string regulation, IReadOnlyList<ElectionStageDates> stages)
    {
        var campaign = stages.FirstOrDefault(s => s.Id == "campaign");
        if (campaign is null) return null;
        var end = stages.Max(s => s.End);
        var label = $"{electionId} ({regulation}), from the campaign to the end of its last stage";
        var keyDates = new List<KeyDate> { new("campaign-start", "Campaign starts", IndonesianTime.Format(campaign.Start), IndonesianTime.Format(campaign.Start)) };
        if (stages.FirstOrDefault(s => s.Id == "quiet-period") is { } quiet)
        {
            keyDates.Add(new("quiet-period", "Quiet period", IndonesianTime.Format(quiet.Start), IndonesianTime.Format(quiet.End)));
        }
        if (stages.FirstOrDefault(s => s.Id == "voting") is { } voting)
        {
            keyDates.Add(new("voting-day", "Voting day", IndonesianTime.Format(voting.Start), IndonesianTime.Format(voting.End)));
        }
        return new ElectionPeriod(new ChartRange(ChartRanges.Election, "Election period", label, campaign.Start, end), keyDates);
    }
}
