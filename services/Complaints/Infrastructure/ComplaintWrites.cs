using System.Globalization;
using Oversight.Complaints.Domain.Deadlines;
using Oversight.Complaints.Domain.Lifecycle;
using Oversight.Complaints.Infrastructure.Audit;
using Oversight.Complaints.Infrastructure.Transitions;
using Oversight.Complaints.IntegrationEvents.Events;
using Oversight.Complaints.Model;

namespace Oversight.Complaints.Infrastructure;

/// <summary>
/// What a change of a complaint writes, from what the domain decided (pure): the row (<see cref="ComplaintRowMapper"/>),
/// the deadlines, the audit entry and the integration events (<see cref="ComplaintIntegrationEvents"/>). One path for
/// intake and every lifecycle step, so the two cannot drift apart.
/// </summary>
public static class ComplaintWrites
{
    /// <summary>The write of a submission after <see cref="ComplaintIntake.Decide"/>.</summary>
    public static IntakeWrite Intake(IntakeRecord intake, IntakeDecision decision, AuditActor actor)
    {
        var row = ComplaintRowMapper.AtIntake(intake, decision.Complaint);
        var details = new Dictionary<string, string>
        {
            ["kind"] = row.Kind,
            ["status"] = row.Status,
            ["region_code"] = row.RegionCode,
            ["handling_office_id"] = row.HandlingOfficeId,
            ["outside_election_period"] = row.OutsideElectionPeriod ? "true" : "false",
        };
        if (row.RegistrationNumber is { } number)
        {
            details["registration_number"] = number;
        }
        // The filing window is informational (nothing to raise): only deadlines someone must meet are stored.
        var open = ComplaintDeadlines.Open(decision.Complaint).Where(d => !d.Informational).ToList();
        return new IntakeWrite(row, open, new AuditEntry(row.Id, AuditActions.ComplaintSubmitted, actor, details),
            ComplaintIntegrationEvents.Of(decision.Announced, row, open));
    }

    /// <summary>The write of a lifecycle step <paramref name="action"/> that turned <paramref name="before"/> into the transition's complaint.</summary>
    /// <param name="stepDetails">What the audit entry records of this step beyond its name, statuses and version.</param>
    public static TransitionWrite Step(
        ComplaintRow row, ComplaintAggregate before, ComplaintTransition transition, string action, DateTimeOffset at,
        AuditActor actor, IReadOnlyDictionary<string, string>? stepDetails)
    {
        var after = transition.Complaint;
        var next = ComplaintRowMapper.AfterStep(row, after, action, at);
        var open = ComplaintDeadlines.Open(after);
        var details = new Dictionary<string, string>
        {
            ["step"] = action,
            ["from"] = row.Status,
            ["to"] = next.Status,
            ["version"] = next.Version.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in stepDetails ?? new Dictionary<string, string>())
        {
            details[key] = value;
        }
        var audit = new AuditEntry(row.Id, action == TransitionTable.Decide ? AuditActions.DecisionRecorded : AuditActions.StatusChanged, actor, details);
        return new TransitionWrite(next, ComplaintDeadlines.Open(before), open, audit, ComplaintIntegrationEvents.Of([transition.Event], next, open));
    }
}
