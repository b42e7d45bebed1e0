namespace Oversight.Catalogues;

/// <summary>
/// How heavy a discipline sanction is. Light, medium and heavy are the three levels of PP 94/2021 Pasal 8;
/// <see cref="Dismissal"/> is the statutory dishonourable dismissal of UU 5/2014 Pasal 87(4)(c), which the
/// SKB 2022 table names for party membership (violation 5) and which PP 94/2021 does not grade.
/// </summary>
public enum SanctionLevel
{
    Light,
    Medium,
    Heavy,
    Dismissal,
}

public static class SanctionLevels
{
    /// <summary>The lower-case wire name: light, medium, heavy, dismissal.</summary>
    public static string Name(this SanctionLevel level) => level switch
    {
        SanctionLevel.Light => "light",
        SanctionLevel.Medium => "medium",
        SanctionLevel.Heavy => "heavy",
        SanctionLevel.Dismissal => "dismissal",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };
}
