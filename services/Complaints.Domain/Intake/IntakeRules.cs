using System.Text.RegularExpressions;
using Oversight.Catalogues;
using Oversight.Complaints.Domain.Identity;
using Oversight.Complaints.Domain.Regimes;
using Oversight.Regions;

namespace Oversight.Complaints.Domain.Intake;

/// <summary>
/// The formal and material requirements of a complaint (docs/domain.md "How a complaint is handled", step 1;
/// Perbawaslu 8/2020 for Pilkada). Every failing requirement is reported, each with its field and rule.
/// <list type="bullet">
/// <item>Laporan: formal = the reporter's identity (category, name, NIK, address), the reported person
/// (a valid NIP, or a name with an address or agency), filing within the regime's window from when the
/// violation became known, the officer's attestation that the signature matches the KTP; material = time
/// and place, description, at least one piece of evidence, and the violation type from the catalogue.</item>
/// <item>Temuan: the same, except that the author is a supervisor identified by name (no NIK, address or
/// signature: the finding is Bawaslu's own document).</item>
/// <item>Informasi awal: only a description; no identity is ever required. Since the tipster cannot be
/// asked for more, an empty tip is refused outright rather than sent back for completion.</item>
/// </list>
/// A complaint whose failures can all be cured goes to "needs completion" (docs/domain.md: "an incomplete one
/// may be completed"), whether the failures are formal or material; only a passed filing window refuses it.
/// </summary>
public static partial class IntakeRules
{
    public const int MaxDescriptionLength = 5000;

    /// <summary>Checks a complaint as filed at <paramref name="filedAt"/>.</summary>
    /// <param name="regionInElectionPeriod">
    /// The caller's answer from the region directory: whether the complaint's region is in its election
    /// period. A complaint outside it is accepted, but flagged.
    /// </param>
    public static IntakeAssessment Assess(
        ComplaintKind kind, ComplaintDetails details, ElectionRegime regime, DateTimeOffset filedAt, bool regionInElectionPeriod)
    {
        var failures = new List<RequirementFailure>();
        void Formal(string field, string rule, bool curable = true) => failures.Add(new(field, rule, RequirementCategory.Formal, curable));
        void Material(string field, string rule, bool curable = true) => failures.Add(new(field, rule, RequirementCategory.Material, curable));

        if (kind == ComplaintKind.InformasiAwal)
        {
            CheckDescription(details, (field, rule) => Material(field, rule, curable: false));
            CheckEvidenceItems(details, (field, rule) => Material(field, rule));
            return Sorted(kind, failures, regionInElectionPeriod);
        }

        var today = IndonesianTime.DateOf(filedAt);
        CheckReporter(kind, details, Formal);
        CheckReported(details, today, Formal);
        CheckFilingWindow(details, regime, filedAt, Formal);
        if (kind == ComplaintKind.Laporan && !details.SignatureAttested)
        {
            Formal("signature", "the officer must attest that the signature matches the reporter's KTP");
        }

        if (details.OccurredAt is null)
        {
            Material("occurred_at", "required (when it happened)");
        }
        else if (details.BecameKnownAt is { } known && details.OccurredAt > known)
        {
            Material("occurred_at", "must not be after became_known_at");
        }
        if (IsBlank(details.Place))
        {
            Material("place", "required (where it happened)");
        }
        CheckDescription(details, (field, rule) => Material(field, rule));
        if (details.Evidence.Count == 0)
        {
            Material("evidence", "at least one piece of evidence is required");
        }
        CheckEvidenceItems(details, (field, rule) => Material(field, rule));
        if (ViolationCatalogue.Find(details.ViolationType) is null)
        {
            Material("violation_type", $"must be a number of the violation catalogue, {ViolationCatalogue.MinNumber}-{ViolationCatalogue.MaxNumber} ({ViolationCatalogue.Regulation})");
        }
        return Sorted(kind, failures, regionInElectionPeriod);
    }

    private static IntakeAssessment Sorted(ComplaintKind kind, List<RequirementFailure> failures, bool regionInElectionPeriod) =>
        new(kind, [.. failures.OrderBy(f => f.Category)], OutsideElectionPeriod: !regionInElectionPeriod);

    private static void CheckReporter(ComplaintKind kind, ComplaintDetails details, Action<string, string, bool> formal)
    {
        var reporter = details.Reporter;
        if (reporter is null)
        {
            formal("reporter", kind == ComplaintKind.Laporan
                ? "identity is required for a laporan; an anonymous tip is informasi awal"
                : "the supervisor who made the finding is required", true);
            return;
        }
        if (IsBlank(reporter.Name))
        {
            formal("reporter.name", "required", true);
        }
        if (kind == ComplaintKind.Temuan)
        {
            if (reporter.Category != ReporterCategory.Supervisor)
            {
                formal("reporter.category", "a temuan is made by a supervisor", true);
            }
            return;
        }
        if (reporter.Category == ReporterCategory.Supervisor)
        {
            formal("reporter.category", "a laporan comes from a voter, an accredited monitor or a participant", true);
        }
        foreach (var error in Nik.Validate(reporter.Nik, "reporter.nik"))
        {
            AddError(error, formal);
        }
        if (IsBlank(reporter.Address))
        {
            formal("reporter.address", "required", true);
        }
    }

    private static void CheckReported(ComplaintDetails details, DateOnly today, Action<string, string, bool> formal)
    {
        var reported = details.Reported;
        if (reported is null)
        {
            formal("reported", "the reported person's name and address, or NIP, are required", true);
            return;
        }
        if (!IsBlank(reported.Nip))
        {
            foreach (var error in Nip.Validate(reported.Nip, today, "reported.nip"))
            {
                AddError(error, formal);
            }
        }
        else
        {
            if (IsBlank(reported.Name))
            {
                formal("reported.name", "required when no NIP is given", true);
            }
            if (IsBlank(reported.Address) && IsBlank(reported.Agency))
            {
                formal("reported.address", "an address or agency is required when no NIP is given", true);
            }
        }
        if (reported.RegionCode is { Length: > 0 } code && !RegionCode.IsValid(code))
        {
            formal("reported.region_code", RegionCode.Rule, true);
        }
    }

    private static void CheckFilingWindow(ComplaintDetails details, ElectionRegime regime, DateTimeOffset filedAt, Action<string, string, bool> formal)
    {
        if (details.BecameKnownAt is not { } known)
        {
            formal("became_known_at", "required (the filing window counts from it)", true);
            return;
        }
        if (known > filedAt)
        {
            formal("became_known_at", "must not be after the filing", true);
            return;
        }
        var due = LegalTime.DueAt(known, regime.FilingWindow, regime.Holidays);
        if (filedAt >= due)
        {
            var lastDay = LegalTime.LastDay(known, regime.FilingWindow, regime.Holidays);
            formal("became_known_at",
                $"filed on {IndonesianTime.DateOf(filedAt):yyyy-MM-dd}, after the {regime.FilingWindow} filing window from "
                + $"{IndonesianTime.DateOf(known):yyyy-MM-dd} ended on {lastDay:yyyy-MM-dd} ({regime.Regulation})",
                false);
        }
    }

    private static void CheckDescription(ComplaintDetails details, Action<string, string> material)
    {
        if (IsBlank(details.Description))
        {
            material("description", "required (what happened)");
        }
        else if (details.Description!.Length > MaxDescriptionLength)
        {
            material("description", $"must be at most {MaxDescriptionLength} characters");
        }
    }

    private static void CheckEvidenceItems(ComplaintDetails details, Action<string, string> material)
    {
        for (var i = 0; i < details.Evidence.Count; i++)
        {
            var item = details.Evidence[i];
            if (IsBlank(item.Url) && IsBlank(item.Sha256))
            {
                material($"evidence[{i}]", "needs a link or a content hash");
                continue;
            }
            if (!IsBlank(item.Url)
                && !(Uri.TryCreate(item.Url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
            {
                material($"evidence[{i}].url", "must be an absolute http or https link");
            }
            if (!IsBlank(item.Sha256) && !Sha256Pattern().IsMatch(item.Sha256!))
            {
                material($"evidence[{i}].sha256", "must be 64 hexadecimal digits");
            }
        }
    }

    /// <summary>Splits a validator's <c>field: rule</c> string back into its parts.</summary>
    private static void AddError(string error, Action<string, string, bool> formal)
    {
        var colon = error.IndexOf(": ", StringComparison.Ordinal);
        formal(error[..colon], error[(colon + 2)..], true);
    }

    private static bool IsBlank(string? value) => string.IsNullOrWhiteSpace(value);

    [GeneratedRegex(@"^[0-9a-fA-F]{64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Pattern();
}
