namespace Oversight.Complaints.Domain.Lifecycle;

/// <summary>
/// The office roles that may act on a complaint. The same strings as
/// <c>Oversight.Security.Authentication.OfficeRoles</c> (a unit test keeps them equal); repeated
/// here so that the domain needs no reference to ASP.NET.
/// </summary>
public static class ComplaintRoles
{
    public const string IntakeOfficer = "intake_officer";
    public const string Reviewer = "reviewer";
    public const string SanctionOfficer = "sanction_officer";
    public const string Admin = "admin";
}

/// <summary>Who acts: the office client's id (recorded in the history) and the roles its token holds.</summary>
public sealed record Actor(string Id, IReadOnlyCollection<string> Roles)
{
    public static Actor Of(string id, params string[] roles) => new(id, roles);

    public bool Has(string role) => Roles.Contains(role, StringComparer.Ordinal);
}

/// <summary>One step of a complaint's history: every transition records one.</summary>
/// <param name="From">Null for the submission.</param>
/// <param name="Action">The transition's name, e.g. <c>extend_review</c>.</param>
/// <param name="Role">The role the actor acted in.</param>
/// <param name="Note">The reason, reasoning or reference the step required, if any.</param>
public sealed record HistoryEntry(
    LifecycleState? From, LifecycleState To, string Action, string ActorId, string Role, DateTimeOffset At, string? Note);
