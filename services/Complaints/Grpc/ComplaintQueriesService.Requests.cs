using System.Text.RegularExpressions;
using Oversight.Complaints.Grpc.Mapping;
using Oversight.Complaints.Infrastructure.Queries;
using Oversight.Contracts.Complaints;
using Oversight.Security.Authentication;

namespace Oversight.Complaints.Grpc;

/// <summary>
/// The checks of the query requests (pure): each failure names the field and the rule ("field: rule"), as
/// InvalidArgument / HTTP 400 report them.
/// </summary>
public static partial class ComplaintQueryRequests
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
    public const int MaxAgencyLength = 200;

    private static readonly HashSet<string> Kinds = ["laporan", "temuan", "informasi_awal"];

    /// <summary>The filter of a ListComplaints request, or null with <paramref name="errors"/> naming every bad field.</summary>
    public static ComplaintListFilter? ToFilter(ListComplaintsRequest request, string callerScope, DateTimeOffset now, out List<string> errors)
    {
        errors = [];
        var region = RegionFilter(request.RegionCode, errors);
        if (request.Status.Length > 0 && !StatusPattern().IsMatch(request.Status))
        {
            errors.Add("status: must be a status name like registered or under_review");
        }
        if (request.ViolationType is < 0 or > 12)
        {
            errors.Add($"violation_type: must be between 1 and 12 (0 = any), got {request.ViolationType}");
        }
        if (request.Kind.Length > 0 && !Kinds.Contains(request.Kind))
        {
            errors.Add("kind: must be laporan, temuan or informasi_awal");
        }
        if (request.AccusedAgency.Length > MaxAgencyLength)
        {
            errors.Add($"accused_agency: at most {MaxAgencyLength} characters");
        }
        var from = Instant(request.ReceivedFrom, "received_from", errors);
        var before = Instant(request.ReceivedBefore, "received_before", errors);
        if (from is not null && before is not null && from >= before)
        {
            errors.Add("received_before: must be after received_from");
        }
        if (request.PageSize is < 0 or > MaxPageSize)
        {
            errors.Add($"page_size: must be between 1 and {MaxPageSize} (0 = {DefaultPageSize}), got {request.PageSize}");
        }
        ListCursor? after = null;
        if (request.PageToken.Length > 0 && !ListCursor.TryDecode(request.PageToken, out after))
        {
            errors.Add("page_token: must be the next_page_token of a previous page");
        }
        if (errors.Count > 0)
        {
            return null;
        }
        return new ComplaintListFilter
        {
            CallerScope = callerScope,
            RegionCode = region,
            Status = Blank(request.Status),
            ViolationType = request.ViolationType == 0 ? null : request.ViolationType,
            Kind = Blank(request.Kind),
            AccusedAgency = Blank(request.AccusedAgency.Trim()),
            ReceivedFrom = from,
            ReceivedBefore = before,
            OverdueOnly = request.OverdueOnly,
            Now = now,
            PageSize = request.PageSize == 0 ? DefaultPageSize : request.PageSize,
            After = after,
        };
    }

    /// <summary>"" (no filter) or a province or regency code; anything else adds an error and gives null.</summary>
    public static string? RegionFilter(string regionCode, List<string> errors)
    {
        if (regionCode.Length == 0)
        {
            return null;
        }
        if (!RegionScope.IsValid(regionCode))
        {
            errors.Add("region_code: must be a Kemendagri province or regency code like 52 or 52.71");
            return null;
        }
        return regionCode;
    }

    private static DateTimeOffset? Instant(string text, string field, List<string> errors)
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
        return instant;
    }

    private static string? Blank(string text) => text.Length == 0 ? null : text;

    [GeneratedRegex("^[a-z][a-z_]{0,39}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex StatusPattern();
}
