namespace Oversight.Regions.Elections;

/// <summary>The dates of one election stage, <see cref="Start"/> to <see cref="End"/> inclusive (WIB dates).</summary>
public readonly record struct StageDates(DateOnly Start, DateOnly End)
{
    public bool Contains(DateOnly date) => Start <= date && date <= End;
}
