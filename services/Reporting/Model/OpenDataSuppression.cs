namespace Oversight.Reporting.Model;

/// <summary>A published count: the number, or null with a label ("&lt;3") when it is suppressed.</summary>
public sealed record PublishedCount(string Code, long? Count, string Label);

/// <summary>A province with its published count and its regencies/cities.</summary>
public sealed record PublishedProvince(string Code, long? Count, string Label, IReadOnlyList<PublishedCount> Regions);

/// <summary>
/// Small-count suppression for open data. A count from 1 to threshold-1 is suppressed; 0 is shown (it singles
/// nobody out). Because a province's count is published, a single suppressed regency could be recovered by
/// subtraction: then the smallest other non-zero regency is suppressed too; if there is none, the province is.
/// The nation's total is not published, so provinces need no such secondary suppression.
/// </summary>
public static class OpenDataSuppression
{
    public static IReadOnlyList<PublishedProvince> Apply(
        IEnumerable<(string Code, long Total, IReadOnlyList<(string Code, long Total)> Children)> provinces, int threshold)
    {
        var published = new List<PublishedProvince>();
        foreach (var province in provinces.OrderBy(p => p.Code, StringComparer.Ordinal))
        {
            var children = province.Children.OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
            var hidden = children.Where(c => IsSmall(c.Total, threshold)).Select(c => c.Code).ToHashSet();
            var hideProvince = IsSmall(province.Total, threshold);
            if (hidden.Count == 1 && !hideProvince)
            {
                var second = children.Where(c => c.Total > 0 && !hidden.Contains(c.Code))
                    .OrderBy(c => c.Total).ThenBy(c => c.Code, StringComparer.Ordinal).FirstOrDefault();
                if (second.Code is not null) hidden.Add(second.Code);
                else hideProvince = true;
            }
            published.Add(new PublishedProvince(province.Code,
                hideProvince ? null : province.Total, Label(province.Total, hideProvince, threshold),
                children.Select(c => new PublishedCount(c.Code, hidden.Contains(c.Code) ? null : c.Total,
                    Label(c.Total, hidden.Contains(c.Code), threshold))).ToList()));
        }
        return published;
    }

    private static bool IsSmall(long count, int threshold) => count > 0 && count < threshold;

    private static string Label(long count, bool suppressed, int threshold) =>
        !suppressed ? count.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : count < threshold ? $"<{threshold}" : "suppressed";
}
