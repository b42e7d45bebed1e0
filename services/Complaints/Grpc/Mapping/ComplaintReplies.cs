using System.Globalization;
using System.Text.Json;
using Oversight.Complaints.Infrastructure;
using Oversight.Complaints.Infrastructure.Privacy;
using Oversight.Contracts.Complaints;

namespace Oversight.Complaints.Grpc.Mapping;

/// <summary>The answers built from a stored row (pure).</summary>
public static class ComplaintReplies
{
    /// <summary>The submission's answer. <paramref name="pin"/> is only known to the first answer; a replay passes null.</summary>
    public static SubmitComplaintReply ToSubmitReply(ComplaintRow row, string? pin, bool replayed)
    {
        var reply = new SubmitComplaintReply
        {
            ComplaintId = row.Id.ToString(),
            Status = row.Status,
            RegistrationNumber = row.RegistrationNumber ?? "",
            TrackingCode = row.TrackingCode is { } code ? GroupedTrackingCode(code) : "",
            Pin = pin ?? "",
            HandlingOffice = Office(row),
            OutsideElectionPeriod = row.OutsideElectionPeriod,
            Replayed = replayed,
            RegionCode = row.RegionCode,
            ReceivedAt = Rfc3339(row.ReceivedAt),
        };
        if (row.PpkName is { Length: > 0 })
        {
            reply.Ppk = new Ppk { Name = row.PpkName, Role = row.PpkRole ?? "" };
        }
        reply.OpenRequirements.Add(Requirements(row));
        return reply;
    }

    /// <summary>The public state: everything but the reporter's identity, tracking code and PIN hash.</summary>
    public static Complaint ToComplaint(ComplaintRow row)
    {
        var complaint = new Complaint
        {
            ComplaintId = row.Id.ToString(),
            RegionCode = row.RegionCode,
            ViolationType = row.ViolationType,
            Description = row.Description,
            HandlingOffice = Office(row),
            Status = row.Status,
            ReceivedAt = Rfc3339(row.ReceivedAt),
            Kind = row.Kind,
            RegistrationNumber = row.RegistrationNumber ?? "",
            RegisteredAt = row.RegisteredAt is { } registered ? Rfc3339(registered) : "",
            OutsideElectionPeriod = row.OutsideElectionPeriod,
            Reported = new ReportedPerson
            {
                Name = row.ReportedName,
                Nip = row.ReportedNip,
                Position = row.ReportedPosition,
                Agency = row.ReportedAgency,
                Address = row.ReportedAddress,
                RegionCode = row.EmployingRegionCode,
            },
            OccurredAt = row.OccurredAt is { } occurred ? Rfc3339(occurred) : "",
            Place = row.Place,
            BecameKnownAt = row.BecameKnownAt is { } known ? Rfc3339(known) : "",
            ReporterCategory = row.ReporterCategory ?? "",
            Version = row.Version,
        };
        if (row.PpkName is { Length: > 0 })
        {
            complaint.Ppk = new Ppk { Name = row.PpkName, Role = row.PpkRole ?? "" };
        }
        complaint.OpenRequirements.Add(Requirements(row));
        complaint.Evidence.Add(JsonSerializer.Deserialize<List<EvidenceJson>>(row.Evidence, ComplaintRow.Json)!
            .Select(e => new Evidence { Url = e.Url ?? "", Sha256 = e.Sha256 ?? "", Description = e.Description ?? "" }));
        return LifecycleReplies.AddLifecycle(complaint, row);
    }

    /// <summary>What the reporter sees with the tracking code and PIN.</summary>
    public static TrackedComplaint ToTracked(ComplaintRow row) => new()
    {
        Status = row.Status,
        RegistrationNumber = row.RegistrationNumber ?? "",
        ReceivedAt = Rfc3339(row.ReceivedAt),
        RegisteredAt = row.RegisteredAt is { } registered ? Rfc3339(registered) : "",
        HandlingOfficeName = row.HandlingOffice,
        Decision = row.Outcome ?? "",
    };

    public static string Rfc3339(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static HandlingOffice Office(ComplaintRow row) =>
        new() { Id = row.HandlingOfficeId, Name = row.HandlingOffice, RegionCode = row.HandlingRegionCode };

    private static IEnumerable<RequirementFailure> Requirements(ComplaintRow row) =>
        JsonSerializer.Deserialize<List<RequirementJson>>(row.OpenRequirements, ComplaintRow.Json)!
            .Select(r => new RequirementFailure { Field = r.Field, Rule = r.Rule, Category = r.Category });

    // The stored compact form, shown grouped (XXXX-XXXXXX).
    private static string GroupedTrackingCode(string compact) =>
        TrackingCode.TryParse(compact, out var code) ? code.ToString() : compact;
}
