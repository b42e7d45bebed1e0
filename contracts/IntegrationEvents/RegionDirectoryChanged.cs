namespace Oversight.Contracts.IntegrationEvents;

/// <summary>
/// The region directory changed: regions imported, an office or an official added, changed or removed.
/// Consumers that cache directory answers (routing, contacts) drop what <see cref="AffectedRegionCodes"/>
/// names. <see cref="IntegrationEvent.RegionCode"/> is the smallest region containing every affected one
/// (empty for the whole country).
/// </summary>
public sealed record RegionDirectoryChanged : IntegrationEvent
{
    /// <summary>What kind of entry changed: <c>region</c>, <c>office</c> or <c>official</c>.</summary>
    public required string Entity { get; init; }

    /// <summary><c>added</c>, <c>changed</c> or <c>removed</c>; an import that adds and changes reports <c>changed</c>.</summary>
    public required string Change { get; init; }

    /// <summary>The keys of the changed entries: region codes, or office and official ids.</summary>
    public required IReadOnlyList<string> Keys { get; init; }

    /// <summary>Every region whose directory answers (look-ups, offices, routing) may differ now.</summary>
    public required IReadOnlyList<string> AffectedRegionCodes { get; init; }

    /// <summary>One line for people, e.g. "import: 476 added, 0 changed".</summary>
    public required string Summary { get; init; }

    /// <summary>The smallest region code containing all of <paramref name="codes"/>: "52.71" for itself, "52" for two of its regencies, "" across provinces.</summary>
    public static string CommonAncestor(IEnumerable<string> codes)
    {
        string? common = null;
        foreach (var code in codes)
        {
            if (common is null) common = code;
            else if (common != code) common = common.Length > 0 && code.Length > 0 && common[..2] == code[..2] ? common[..2] : "";
            if (common.Length == 0) break;
        }
        return common ?? "";
    }
}
