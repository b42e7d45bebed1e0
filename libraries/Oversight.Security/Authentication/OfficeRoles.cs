namespace Oversight.Security.Authentication;

/// <summary>The roles an office client can hold; one <c>role</c> claim per role in its token.</summary>
public static class OfficeRoles
{
    /// <summary>Takes in complaints at a desk.</summary>
    public const string IntakeOfficer = "intake_officer";

    /// <summary>Reviews complaints and decides on them.</summary>
    public const string Reviewer = "reviewer";

    /// <summary>Records sanctions and their follow-up.</summary>
    public const string SanctionOfficer = "sanction_officer";

    /// <summary>Administers office clients and reference data within its region scope.</summary>
    public const string Admin = "admin";

    /// <summary>An outside system (BKN, a ministry desk) that consumes events and reads what it is given.</summary>
    public const string Integrator = "integrator";

    /// <summary>Every role, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } = [IntakeOfficer, Reviewer, SanctionOfficer, Admin, Integrator];

    /// <summary>Whether the name is one of <see cref="All"/> (exact, lower case).</summary>
    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);
}
