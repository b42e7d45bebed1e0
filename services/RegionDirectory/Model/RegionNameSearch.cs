using System.Globalization;
using System.Text;

namespace Oversight.RegionDirectory.Model;

/// <summary>How well a region's name matches a search; lower ranks first.</summary>
public enum RegionNameMatch
{
    /// <summary>The whole name equals the query.</summary>
    Exact = 0,

    /// <summary>A word of the name starts with the query.</summary>
    Prefix = 1,

    /// <summary>The query occurs somewhere inside the name.</summary>
    Substring = 2,
}

/// <summary>
/// Name search over regions, pure and without I/O: accent- and case-insensitive, whitespace collapsed,
/// the usual abbreviations expanded ("kab." / "kab" for kabupaten, "kot." for kota, "prov." / "prov" for provinsi).
/// </summary>
public static class RegionNameSearch
{
    public const int MinQueryLength = 2;
    public const int MaxQueryLength = 100;
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal)
    {
        ["kab."] = "kabupaten",
        ["kab"] = "kabupaten",
        ["kot."] = "kota",
        ["prov."] = "provinsi",
        ["prov"] = "provinsi",
    };

    /// <summary>Why a query is refused (a message naming the field), or null when it is acceptable.</summary>
    public static string? ValidateQuery(string? query)
    {
        var trimmed = (query ?? "").Trim();
        if (trimmed.Length == 0) return "query: is required";
        if (trimmed.Any(char.IsControl)) return "query: must not contain control characters";
        if (trimmed.Length < MinQueryLength || trimmed.Length > MaxQueryLength)
        {
            return $"query: must be between {MinQueryLength} and {MaxQueryLength} characters";
        }
        return null;
    }

    /// <summary>The effective limit (0 means the default), or null when outside 1..100.</summary>
    public static int? EffectiveLimit(int limit) => limit switch
    {
        0 => DefaultLimit,
        >= 1 and <= MaxLimit => limit,
        _ => null,
    };

    /// <summary>Lower-case, without accents, whitespace collapsed to single spaces, abbreviations expanded.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";

        var withoutMarks = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) withoutMarks.Append(c);
        }
        var lowered = withoutMarks.ToString().Normalize(NormalizationForm.FormC).ToLowerInvariant();

        var words = new List<string>();
        foreach (var word in lowered.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            words.AddRange(ExpandWord(word));
        }
        return string.Join(' ', words);
    }

    /// <summary>How <paramref name="normalizedName"/> matches <paramref name="normalizedQuery"/> (both from <see cref="Normalize"/>), or null.</summary>
    public static RegionNameMatch? Classify(string normalizedName, string normalizedQuery)
    {
        if (normalizedQuery.Length == 0) return null;
        if (string.Equals(normalizedName, normalizedQuery, StringComparison.Ordinal)) return RegionNameMatch.Exact;
        if (normalizedName.StartsWith(normalizedQuery, StringComparison.Ordinal)
            || normalizedName.Contains(" " + normalizedQuery, StringComparison.Ordinal))
        {
            return RegionNameMatch.Prefix;
        }
        return normalizedName.Contains(normalizedQuery, StringComparison.Ordinal) ? RegionNameMatch.Substring : null;
    }

    /// <summary>The matching regions, best first (exact, then word prefix, then substring; ties by code), at most <paramref name="limit"/>.</summary>
    public static IReadOnlyList<RegionRecord> Rank(IEnumerable<RegionRecord> candidates, string query, int limit)
    {
        var normalizedQuery = Normalize(query);
        if (normalizedQuery.Length == 0 || limit <= 0) return [];

        return candidates
            .Select(region => (Region: region, Match: Classify(Normalize(region.Name), normalizedQuery)))
            .Where(candidate => candidate.Match is not null)
            .OrderBy(candidate => candidate.Match)
            .ThenBy(candidate => candidate.Region.Code, StringComparer.Ordinal)
            .Take(limit)
            .Select(candidate => candidate.Region)
            .ToList();
    }

    // "kab." and "kab" alone, or "kab.berau" written without a space.
    private static IEnumerable<string> ExpandWord(string word)
    {
        if (Abbreviations.TryGetValue(word, out var expanded))
        {
            yield return expanded;
            yield break;
        }
        var dot = word.IndexOf('.');
        if (dot > 0 && dot < word.Length - 1 && Abbreviations.TryGetValue(word[..(dot + 1)], out expanded))
        {
            yield return expanded;
            foreach (var rest in ExpandWord(word[(dot + 1)..])) yield return rest;
            yield break;
        }
        yield return word;
    }
}
