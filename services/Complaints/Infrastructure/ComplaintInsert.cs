using Npgsql;

namespace Oversight.Complaints.Infrastructure;

/// <summary>
/// The INSERT of a new complaint row as a batch command, so intake sends it together with its deadlines, audit entry
/// and outbox rows in one round trip (<see cref="ComplaintRecords"/>). The column list below is the only place that
/// pairs a column with its property: the SQL is generated from it.
/// </summary>
public static class ComplaintInsert
{
    private sealed record Column(string Name, Func<ComplaintRow, object?> Value, string? Cast = null);

    // The columns intake fills; the lifecycle's columns (decision, sanction, ...) keep their defaults until a step sets them.
    private static readonly Column[] Columns =
    [
        new("id", r => r.Id),
        new("kind", r => r.Kind),
        new("regime", r => r.Regime),
        new("region_code", r => r.RegionCode),
        new("violation_type", r => r.ViolationType),
        new("description", r => r.Description),
        new("handling_office", r => r.HandlingOffice),
        new("handling_office_id", r => r.HandlingOfficeId),
        new("handling_office_code", r => r.HandlingOfficeCode),
        new("handling_region_code", r => r.HandlingRegionCode),
        new("employing_region_code", r => r.EmployingRegionCode),
        new("ppk_name", r => r.PpkName),
        new("ppk_role", r => r.PpkRole),
        new("status", r => r.Status),
        new("received_at", r => r.ReceivedAt),
        new("occurred_at", r => r.OccurredAt),
        new("place", r => r.Place),
        new("became_known_at", r => r.BecameKnownAt),
        new("reported_name", r => r.ReportedName),
        new("reported_nip", r => r.ReportedNip),
        new("reported_position", r => r.ReportedPosition),
        new("reported_agency", r => r.ReportedAgency),
        new("reported_address", r => r.ReportedAddress),
        new("evidence", r => r.Evidence, "jsonb"),
        new("signature_attested", r => r.SignatureAttested),
        new("reporter_category", r => r.ReporterCategory),
        new("reporter_identity", r => r.ReporterIdentity),
        new("tracking_code", r => r.TrackingCode),
        new("pin_hash", r => r.PinHash),
        new("outside_election_period", r => r.OutsideElectionPeriod),
        new("open_requirements", r => r.OpenRequirements, "jsonb"),
        new("registration_number", r => r.RegistrationNumber),
        new("registration_office", r => r.RegistrationOffice),
        new("registration_year", r => r.RegistrationYear),
        new("registration_sequence", r => r.RegistrationSequence),
        new("registered_at", r => r.RegisteredAt),
        new("created_by", r => r.CreatedBy),
        new("idempotency_key", r => r.IdempotencyKey),
        new("request_hash", r => r.RequestHash),
        new("version", r => r.Version),
    ];

    // Positional parameters ($1, $2, ...): no named-parameter rewriting on the hot path.
    private static readonly string Sql =
        $"INSERT INTO complaints ({string.Join(", ", Columns.Select(c => c.Name))}) VALUES ("
        + string.Join(", ", Columns.Select((c, i) => c.Cast is null ? $"${i + 1}" : $"${i + 1}::{c.Cast}")) + ")";

    public static NpgsqlBatchCommand Command(ComplaintRow row)
    {
        var command = new NpgsqlBatchCommand(Sql);
        foreach (var column in Columns)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = column.Value(row) ?? DBNull.Value });
        }
        return command;
    }
}
