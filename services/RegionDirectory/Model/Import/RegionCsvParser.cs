using System.Text;
using Oversight.Regions;

namespace Oversight.RegionDirectory.Model.Import;

/// <summary>
/// Reads the official region list in the shape of data/regions (the list the repository ships): a provinces file
/// (<c>kode,nama</c>) and a regencies/cities file (<c>kode,kode_provinsi,nama,jenis</c>). Names are
/// trimmed and their inner whitespace collapsed (the source has a trailing space in one name).
/// Every bad row is reported with its line; the caller imports nothing when there is any.
/// </summary>
public static class RegionCsvParser
{
    public const string ProvincesFile = "provinces";
    public const string RegenciesFile = "regencies";
    private const int MaxNameLength = 100;

    public sealed record Result(IReadOnlyList<ImportedRegion> Regions, IReadOnlyList<ImportRejection> Rejections);

    /// <param name="knownProvinceCodes">Provinces already in the directory, valid parents besides those in the file.</param>
    public static Result Parse(string provincesCsv, string regenciesCsv, IReadOnlySet<string> knownProvinceCodes)
    {
        var regions = new Dictionary<string, ImportedRegion>();
        var rejections = new List<ImportRejection>();

        foreach (var (line, fields) in Rows(provincesCsv, ProvincesFile, ["kode", "nama"], rejections))
        {
            var code = fields[0].Trim();
            if (!RegionCode.IsValid(code) || StoredRegionLevels.Of(code) != StoredRegionLevel.Province)
            {
                rejections.Add(new(ProvincesFile, line, $"code '{code}': a province code is two digits, like 52"));
                continue;
            }
            if (NormaliseName(fields[1], out var name) is { } nameError)
            {
                rejections.Add(new(ProvincesFile, line, $"code {code}: name {nameError}"));
                continue;
            }
            Add(new ImportedRegion(code, name, null, "provinsi", ProvincesFile, line), regions, rejections);
        }

        foreach (var (line, fields) in Rows(regenciesCsv, RegenciesFile, ["kode", "kode_provinsi", "nama", "jenis"], rejections))
        {
            var code = fields[0].Trim();
            var parent = fields[1].Trim();
            var kind = fields[3].Trim().ToLowerInvariant();
            if (!RegionCode.IsValid(code) || StoredRegionLevels.Of(code) != StoredRegionLevel.RegencyCity)
            {
                rejections.Add(new(RegenciesFile, line, $"code '{code}': a regency/city code is NN.NN, like 52.71"));
                continue;
            }
            if (parent != RegionCode.ParentOf(code))
            {
                rejections.Add(new(RegenciesFile, line, $"code {code}: kode_provinsi '{parent}' does not match the code's province {RegionCode.ParentOf(code)}"));
                continue;
            }
            if (!regions.ContainsKey(parent) && !knownProvinceCodes.Contains(parent))
            {
                rejections.Add(new(RegenciesFile, line, $"code {code}: parent province {parent} is missing"));
                continue;
            }
            if (kind is not ("kabupaten" or "kota"))
            {
                rejections.Add(new(RegenciesFile, line, $"code {code}: jenis '{fields[3].Trim()}' must be kabupaten or kota"));
                continue;
            }
            if (NormaliseName(fields[2], out var name) is { } nameError)
            {
                rejections.Add(new(RegenciesFile, line, $"code {code}: name {nameError}"));
                continue;
            }
            Add(new ImportedRegion(code, name, parent, kind, RegenciesFile, line), regions, rejections);
        }

        return new Result([.. regions.Values.OrderBy(r => r.Code, StringComparer.Ordinal)], rejections);
    }

    private static void Add(ImportedRegion region, Dictionary<string, ImportedRegion> regions, List<ImportRejection> rejections)
    {
        if (!regions.TryGetValue(region.Code, out var first))
        {
            regions[region.Code] = region;
        }
        else if (first.Name != region.Name)
        {
            rejections.Add(new(region.File, region.Line,
                $"code {region.Code}: duplicate of {first.File} line {first.Line} with another name ('{region.Name}' vs '{first.Name}')"));
        }
        // The same code with the same name twice is harmless; the first one counts.
    }

    /// <summary>The data rows with their 1-based line numbers; a wrong header or column count is a rejection.</summary>
    private static IEnumerable<(int Line, IReadOnlyList<string> Fields)> Rows(string csv, string file, string[] header, List<ImportRejection> rejections)
    {
        var lines = csv.Replace("\r\n", "\n").TrimStart('\uFEFF').Split('\n');
        var actualHeader = CsvLine.Split(lines[0]).Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (!actualHeader.SequenceEqual(header))
        {
            rejections.Add(new(file, 1, $"header must be '{string.Join(',', header)}', found '{lines[0].Trim()}'"));
            yield break;
        }
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var fields = CsvLine.Split(lines[i]);
            if (fields.Count != header.Length)
            {
                rejections.Add(new(file, i + 1, $"expected {header.Length} columns, found {fields.Count}"));
                continue;
            }
            yield return (i + 1, fields);
        }
    }

    /// <summary>Trims and collapses whitespace; returns an error text, or null when the name is acceptable.</summary>
    private static string? NormaliseName(string raw, out string name)
    {
        name = string.Join(' ', raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Normalize(NormalizationForm.FormC);
        if (name.Length == 0) return "is empty";
        if (name.Length > MaxNameLength) return $"is longer than {MaxNameLength} characters";
        if (name.Any(char.IsControl)) return "contains control characters";
        return null;
    }
}
