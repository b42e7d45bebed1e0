using Oversight.Complaints.Domain.Deadlines;
using Oversight.Complaints.Infrastructure;
using Oversight.Contracts.IntegrationEvents;

namespace Oversight.Complaints.IntegrationEvents.Events;

/// <summary>
/// The public state of a stored complaint, as every complaint event and the export stream carry it
/// (<see cref="ComplaintState"/>). Pure: built from the row and the deadlines open after the change.
/// </summary>
public static class ComplaintStateSnapshot
{
    public static ComplaintState From(ComplaintRow row, IEnumerable<Deadline> openDeadlines) => new()
    {
        Version = row.Version,
        Status = row.Status,
        Kind = row.Kind,
        RegionCode = row.RegionCode,
        // Once decided, the type the decision found is the public classification (0: none found).
        ViolationType = row.Outcome is null ? row.ViolationType : row.DecidedViolationType ?? 0,
        HandlingOfficeId = row.HandlingOfficeId,
        HandlingRegionCode = row.HandlingRegionCode,
        AccusedAgency = row.ReportedAgency,
        RegistrationNumber = row.RegistrationNumber,
        OutsideElectionPeriod = row.OutsideElectionPeriod,
        ReceivedAt = new DateTimeOffset(DateTime.SpecifyKind(row.ReceivedAt, DateTimeKind.Utc)),
        DecidedAt = row.DecidedAt is { } decided ? new DateTimeOffset(DateTime.SpecifyKind(decided, DateTimeKind.Utc)) : null,
        Outcome = row.Outcome,
        SanctionLevel = row.SanctionLevel,
        // The earliest deadline someone must meet; the filing window only informs. Deadlines are computed as 00:00 WIB
        // (+07:00); events carry every instant in UTC (docs/events.md).
        OpenDeadline = openDeadlines.Where(d => !d.Informational).OrderBy(d => d.DueAt)
            .Select(d => new OpenDeadline(d.Kind, d.Owner, d.DueAt.ToUniversalTime())).FirstOrDefault(),
    };
}
