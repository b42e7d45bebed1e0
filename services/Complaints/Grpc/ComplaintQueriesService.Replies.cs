using Oversight.Complaints.Grpc.Mapping;
using Oversight.Complaints.Infrastructure.Audit;
using Oversight.Complaints.Infrastructure.Privacy;
using Oversight.Contracts.Complaints;
using Oversight.Contracts.IntegrationEvents;

namespace Oversight.Complaints.Grpc;

/// <summary>The answers of the query service, built from stored rows and snapshots (pure).</summary>
public static class ComplaintQueryReplies
{
    /// <summary>
    /// The export's (and the list's) message: the public snapshot the complaint events carry, field for field, so a read
    /// model rebuilt from the export agrees with one fed by the events. Absent values are "".
    /// </summary>
    public static ExportedComplaint ToExported(Guid complaintId, ComplaintState state) => new()
    {
        ComplaintId = complaintId.ToString(),
        Version = state.Version,
        Status = state.Status,
        Kind = state.Kind,
        RegionCode = state.RegionCode,
        ViolationType = state.ViolationType,
        HandlingOfficeId = state.HandlingOfficeId,
        HandlingRegionCode = state.HandlingRegionCode,
        AccusedAgency = state.AccusedAgency,
        RegistrationNumber = state.RegistrationNumber ?? "",
        OutsideElectionPeriod = state.OutsideElectionPeriod,
        ReceivedAt = Rfc3339(state.ReceivedAt),
        DecidedAt = state.DecidedAt is { } decided ? Rfc3339(decided) : "",
        Outcome = state.Outcome ?? "",
        SanctionLevel = state.SanctionLevel ?? "",
        OpenDeadlineKind = state.OpenDeadline?.Kind ?? "",
        OpenDeadlineOwner = state.OpenDeadline?.Owner ?? "",
        OpenDeadlineDueAt = state.OpenDeadline is { } deadline ? Rfc3339(deadline.DueAt) : "",
    };

    /// <summary>The opened identity, with the category (not personal data) from the row.</summary>
    public static Reporter ToReporter(ReporterIdentity identity, string? category) => new()
    {
        Category = category ?? "",
        Name = identity.Name,
        Nik = identity.Nik ?? "",
        Address = identity.Address ?? "",
        Phone = identity.Phone ?? "",
        Email = identity.Email ?? "",
        AgreedToNotifications = identity.AgreedToNotifications,
    };

    public static ComplaintAuditEntry ToAuditEntry(AuditRecord record)
    {
        var entry = new ComplaintAuditEntry
        {
            Id = record.Id,
            At = Rfc3339(record.At),
            Action = record.Action,
            ActorClientId = record.Actor.ClientId ?? "",
            ActorOfficeId = record.Actor.OfficeId ?? "",
            ActorRegion = record.Actor.Region ?? "",
            TraceId = record.Actor.TraceId ?? "",
        };
        entry.ActorRoles.Add(record.Actor.Roles);
        foreach (var (key, value) in record.Details)
        {
            entry.Details[key] = value;
        }
        return entry;
    }

    private static string Rfc3339(DateTimeOffset instant) => ComplaintReplies.Rfc3339(instant.UtcDateTime);
}
