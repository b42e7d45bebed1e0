using System.Globalization;
using Oversight.Contracts.Complaints;
using Oversight.Contracts.IntegrationEvents;

namespace Oversight.Reporting.Infrastructure;

/// <summary>The complaints service's export row back into the snapshot the events carry ("" → absent).</summary>
public static class ExportedSnapshot
{
    public static ComplaintState ToState(ExportedComplaint row) => new()
    {
        Version = row.Version,
        Status = row.Status,
        Kind = row.Kind,
        RegionCode = row.RegionCode,
        ViolationType = row.ViolationType,
        HandlingOfficeId = row.HandlingOfficeId,
        HandlingRegionCode = row.HandlingRegionCode,
        AccusedAgency = row.AccusedAgency,
        RegistrationNumber = NullIfEmpty(row.RegistrationNumber),
        OutsideElectionPeriod = row.OutsideElectionPeriod,
        ReceivedAt = Instant(row.ReceivedAt),
        DecidedAt = row.DecidedAt.Length == 0 ? null : Instant(row.DecidedAt),
        Outcome = NullIfEmpty(row.Outcome),
        SanctionLevel = NullIfEmpty(row.SanctionLevel),
        OpenDeadline = row.OpenDeadlineKind.Length == 0 ? null
            : new OpenDeadline(row.OpenDeadlineKind, row.OpenDeadlineOwner, Instant(row.OpenDeadlineDueAt)),
    };

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
