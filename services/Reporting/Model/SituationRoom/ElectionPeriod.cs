namespace Oversight.Reporting.Model.SituationRoom;

/// <summary>A date range the situation room's chart can show: its id, its name on a button, a longer description.</summary>
public sealed record ChartRange(string Id, string Name, string Label, DateOnly From, DateOnly To);

/// <summary>A marked date or span on the chart (the campaign's start, the quiet period, voting day).</summary>
public sealed record KeyDate(string Id, string Label, string From, string To);

/// <summary>The chart's period for one region: its election's span and the dates to mark on it.</summary>
public sealed record ElectionPeriod(ChartRange Range, IReadOnlyList<KeyDate> KeyDates);
