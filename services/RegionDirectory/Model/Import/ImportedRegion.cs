namespace Oversight.RegionDirectory.Model.Import;

/// <summary>One accepted row of an import, with where it came from.</summary>
public sealed record ImportedRegion(string Code, string Name, string? ParentCode, string Kind, string File, int Line)
{
    public StoredRegionLevel Level => StoredRegionLevels.Of(Code);
}

/// <summary>A rejected row: the file, its 1-based line number, and why.</summary>
public sealed record ImportRejection(string File, int Line, string Reason)
{
    public override string ToString() => $"{File} line {Line}: {Reason}";
}
