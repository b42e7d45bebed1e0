using System.Text.RegularExpressions;
using Oversight.Catalogues;
using Oversight.Complaints.Domain.Identity;
using Oversight.Complaints.Domain.Intake;
using Oversight.Complaints.Domain.Regimes;
using Oversight.Complaints.Infrastructure.Privacy;
using Oversight.Complaints.Model;
using Oversight.Contracts.Complaints;
using Oversight.Regions;

namespace Oversight.Complaints.Grpc.Mapping;

/// <summary>A submission as the domain sees it: what the complaint says, and the reporter's identity to seal.</summary>
public sealed record Submission(
    ComplaintKind Kind,
    string RegionCode,
    ComplaintDetails Details,
    ReporterIdentity? Reporter,
    string? IdempotencyKey);

/// <summary>
/// Turns a <see cref="SubmitComplaintRequest"/> into a <see cref="Submission"/>, reporting every malformed field
/// as <c>field: rule</c> (unknown kind or category, bad region code, NIK or NIP, unknown violation type, bad
/// instants, oversize text). Requirements (what must be present for registration) are the domain's
/// <see cref="IntakeRules"/>; <see cref="IntakeRefusals.RefusalErrors"/> says which of its failures refuse a submission at the API.
/// </summary>
public static partial class SubmissionMapper
{
    public const int MaxNameLength = 200;
    public const int MaxAddressLength = 500;
    public const int MaxPlaceLength = 500;
    public const int MaxEmailLength = 254;
    public const int MaxEvidenceItems = 20;
    public const int MaxUrlLength = 2000;
    public const int MaxEvidenceDescriptionLength = 1000;
    public const int MaxIdempotencyKeyLength = 200;

    /// <summary>Maps the request; null when <paramref name="errors"/> is not empty.</summary>
    /// <param name="headerIdempotencyKey">The <c>idempotency-key</c> request header; the field wins when both are given.</param>
    /// <param name="now">The instant of receipt (a NIP's appointment and an event cannot lie after it).</param>
    public static Submission? Map(SubmitComplaintRequest request, string? headerIdempotencyKey, DateTimeOffset now, out List<string> errors)
    {
        errors = [];
        var kind = LifecycleStatuses.ParseKind(request.Kind);
        if (kind is null)
        {
            errors.Add("kind: must be laporan, temuan or informasi_awal");
        }
        if (!RegionCode.IsValid(request.RegionCode))
        {
            errors.Add("region_code: must be a Kemendagri code like 52 or 52.71");
        }

        var reporter = MapReporter(request.Reporter, errors);
        var reported = MapReported(request.Reported, IndonesianTime.DateOf(now), errors);

        if (request.ViolationType != 0 && ViolationCatalogue.Find(request.ViolationType) is null)
        {
            errors.Add($"violation_type: must be a number of the violation catalogue, {ViolationCatalogue.MinNumber}-{ViolationCatalogue.MaxNumber} ({ViolationCatalogue.Regulation}), or 0 when not classified");
        }
        var occurredAt = ParseInstant(request.OccurredAt, "occurred_at", now, errors);
        var becameKnownAt = ParseInstant(request.BecameKnownAt, "became_known_at", now, errors);
        Length(request.Place, "place", MaxPlaceLength, errors);
        Length(request.Description, "description", IntakeRules.MaxDescriptionLength, errors);

        if (request.Evidence.Count > MaxEvidenceItems)
        {
            errors.Add($"evidence: at most {MaxEvidenceItems} items");
        }
        for (var i = 0; i < request.Evidence.Count; i++)
        {
            Length(request.Evidence[i].Url, $"evidence[{i}].url", MaxUrlLength, errors);
            Length(request.Evidence[i].Description, $"evidence[{i}].description", MaxEvidenceDescriptionLength, errors);
        }

        var key = request.IdempotencyKey.Length > 0 ? request.IdempotencyKey : headerIdempotencyKey ?? "";
        if (key.Length > MaxIdempotencyKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            errors.Add($"idempotency_key: at most {MaxIdempotencyKeyLength} printable ASCII characters without spaces");
        }

        if (errors.Count > 0)
        {
            return null;
        }
        var details = new ComplaintDetails
        {
            Reporter = reporter.Domain,
            Reported = reported,
            ViolationType = request.ViolationType,
            OccurredAt = occurredAt,
            Place = Blank(request.Place),
            BecameKnownAt = becameKnownAt,
            Description = Blank(request.Description),
            Evidence = [.. request.Evidence.Select(e => new EvidenceItem { Url = Blank(e.Url), Sha256 = Blank(e.Sha256), Description = Blank(e.Description) })],
            SignatureAttested = request.SignatureAttested,
        };
        return new Submission(kind!.Value, request.RegionCode, details, reporter.Identity, key.Length > 0 ? key : null);
    }

    private static (ReporterDetails? Domain, ReporterIdentity? Identity) MapReporter(Reporter? reporter, List<string> errors)
    {
        if (reporter is null || IsEmpty(reporter))
        {
            return (null, null);
        }
        var category = LifecycleStatuses.ParseCategory(reporter.Category);
        if (category is null)
        {
            errors.Add("reporter.category: must be voter, accredited_monitor, participant or supervisor");
        }
        Length(reporter.Name, "reporter.name", MaxNameLength, errors);
        Length(reporter.Address, "reporter.address", MaxAddressLength, errors);
        if (reporter.Nik.Length > 0)
        {
            errors.AddRange(Nik.Validate(reporter.Nik, "reporter.nik"));
        }
        if (reporter.Phone.Length > 0 && !PhonePattern().IsMatch(reporter.Phone))
        {
            errors.Add("reporter.phone: must be 6-20 digits, optionally with a leading + and spaces or dashes");
        }
        if (reporter.Email.Length > 0 && (reporter.Email.Length > MaxEmailLength || !EmailPattern().IsMatch(reporter.Email)))
        {
            errors.Add($"reporter.email: must be an e-mail address of at most {MaxEmailLength} characters");
        }
        if (reporter.Language is not ("" or "id" or "en"))
        {
            errors.Add("reporter.language: must be id or en, or empty for id");
        }
        if (category is null)
        {
            return (null, null);
        }
        var domain = new ReporterDetails
        {
            Category = category.Value,
            Name = Blank(reporter.Name),
            Nik = Blank(reporter.Nik),
            Address = Blank(reporter.Address),
            Phone = Blank(reporter.Phone),
        };
        var identity = new ReporterIdentity(reporter.Name.Trim(), Blank(reporter.Nik), Blank(reporter.Address), Blank(reporter.Phone),
            Blank(reporter.Email), reporter.AgreedToNotifications) { Language = Blank(reporter.Language) };
        return (domain, identity);
    }

    private static bool IsEmpty(Reporter r) =>
        r.Category.Length == 0 && r.Name.Length == 0 && r.Nik.Length == 0 && r.Address.Length == 0 && r.Phone.Length == 0 && r.Email.Length == 0;

    private static ReportedPersonDetails? MapReported(ReportedPerson? reported, DateOnly today, List<string> errors)
    {
        if (reported is null)
        {
            return null;
        }
        Length(reported.Name, "reported.name", MaxNameLength, errors);
        Length(reported.Position, "reported.position", MaxNameLength, errors);
        Length(reported.Agency, "reported.agency", MaxNameLength, errors);
        Length(reported.Address, "reported.address", MaxAddressLength, errors);
        if (reported.Nip.Length > 0)
        {
            errors.AddRange(Nip.Validate(reported.Nip, today, "reported.nip"));
        }
        if (reported.RegionCode.Length > 0 && !RegionCode.IsValid(reported.RegionCode))
        {
            errors.Add("reported.region_code: must be a Kemendagri code like 52 or 52.71");
        }
        var person = new ReportedPersonDetails
        {
            Name = Blank(reported.Name),
            Nip = Blank(reported.Nip),
            Position = Blank(reported.Position),
            Agency = Blank(reported.Agency),
            Address = Blank(reported.Address),
            RegionCode = Blank(reported.RegionCode),
        };
        return person == new ReportedPersonDetails() ? null : person;
    }

    private static DateTimeOffset? ParseInstant(string text, string field, DateTimeOffset now, List<string> errors)
    {
        if (text.Length == 0)
        {
            return null;
        }
        if (!Rfc3339.TryParse(text, out var instant))
        {
            errors.Add($"{field}: {Rfc3339.Requirement}");
            return null;
        }
        if (instant > now.AddMinutes(5))
        {
            errors.Add($"{field}: must not be in the future");
            return null;
        }
        return instant;
    }

    private static void Length(string? text, string field, int max, List<string> errors)
    {
        if (text is not null && text.Length > max)
        {
            errors.Add($"{field}: must be at most {max} characters");
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex(@"^\+?[0-9][0-9 \-]{4,22}[0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
