using Grpc.Core;
using Oversight.Regions;
using Oversight.Regions.Elections;
using Oversight.Reporting.Model;
using Oversight.Security.Authentication;

namespace Oversight.Reporting.Grpc;

/// <summary>The checks every report call makes first: a well-formed region, then the caller's scope over it.</summary>
public static class ReportRequests
{
    public static void RequireReadableRegion(this ServerCallContext context, string region, ILogger logger)
    {
        if (!RegionCode.IsValidOrNational(region))
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"region_code: {RegionCode.RuleWithNation}"));
        context.RequireRegionScope(region, logger);
    }

    /// <summary>The longest time series one call may ask for.</summary>
    public const int MaxDays = 731;

    /// <summary>The date range of a time series: the Pilkada 2024 campaign when both ends are empty.</summary>
    public static (DateOnly From, DateOnly To) RequireDateRange(string from, string to)
    {
        if (from.Length == 0 && to.Length == 0) return (Pilkada2024Dates.Campaign.Start, Pilkada2024Dates.Campaign.End);
        var errors = new List<string>();
        if (!IndonesianTime.TryParse(from, out var start)) errors.Add("from: must be a date yyyy-MM-dd (both from and to, or neither)");
        if (!IndonesianTime.TryParse(to, out var end)) errors.Add("to: must be a date yyyy-MM-dd (both from and to, or neither)");
        if (errors.Count == 0 && end < start) errors.Add("to: must not be before from");
        if (errors.Count == 0 && end.DayNumber - start.DayNumber + 1 > MaxDays) errors.Add($"to: the range must be at most {MaxDays} days");
        return errors.Count == 0 ? (start, end) : throw new RpcException(new Status(StatusCode.InvalidArgument, string.Join("; ", errors)));
    }

    public static int RequireTopN(int n) => n switch
    {
        0 => 10,
        >= 1 and <= 100 => n,
        _ => throw new RpcException(new Status(StatusCode.InvalidArgument, "n: must be between 1 and 100 (0 for 10)")),
    };

    public static string RequireOwner(string owner) => owner is "" or "reporter" or "bawaslu" or "bkn" or "ppk"
        ? owner
        : throw new RpcException(new Status(StatusCode.InvalidArgument, "owner: must be empty, reporter, bawaslu, bkn or ppk"));
}
