using System.Text.RegularExpressions;
using Oversight.Contracts.Complaints;

namespace Oversight.Complaints.Model;

/// <summary>Field rules of a submission; every broken rule is reported, not only the first.</summary>
public static partial class ComplaintRules
{
    public const int MaxDescriptionLength = 5000;
    public const int MinViolationType = 1;
    public const int MaxViolationType = 12;

    public static IReadOnlyList<string> Validate(SubmitComplaintRequest request)
    {
        var errors = new List<string>();
        if (!IsRegionCode(request.RegionCode))
        {
            errors.Add("region_code: must be a Kemendagri code like 52 or 52.71");
        }
        if (request.ViolationType is < MinViolationType or > MaxViolationType)
        {
            errors.Add($"violation_type: must be between {MinViolationType} and {MaxViolationType} (SKB 2022 catalogue)");
        }
        if (string.IsNullOrWhiteSpace(request.Description))
        {
            errors.Add("description: must not be empty");
        }
        else if (request.Description.Length > MaxDescriptionLength)
        {
            errors.Add($"description: must be at most {MaxDescriptionLength} characters");
        }
        return errors;
    }

    public static bool IsRegionCode(string? code) => code is not null && RegionCodePattern().IsMatch(code);

    [GeneratedRegex(@"^[0-9]{2}(\.[0-9]{2})?\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegionCodePattern();
}
