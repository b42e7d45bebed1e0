using Dapper;
using Npgsql;
using Oversight.RegionDirectory.Model.Import;

namespace Oversight.RegionDirectory.Infrastructure;

/// <summary>
/// The regions every deployment starts with: the official list the repository ships in <c>data/regions</c> (38
/// provinces and 514 regencies and cities of Kepmendagri 300.2.2-2138/2025), embedded in the service and read with the
/// same parser as an import. Rows already present are left as they are, so a later import (the next decree) is never
/// undone by a restart.
/// </summary>
internal static class RegionSeed
{
    public const string Decree = "Kepmendagri 300.2.2-2138/2025";
    public const string ProvincesResource = "provinces-2025.csv";
    public const string RegenciesResource = "regencies-2025.csv";

    private const string InsertSql = """
        INSERT INTO regions (code, name, level, parent_code, decree, kind)
        VALUES (@Code, @Name, @Level, @ParentCode, @Decree, @Kind)
        ON CONFLICT (code) DO NOTHING
        """;

    /// <summary>Inserts the rows not yet present; says how many were added.</summary>
    public static async Task<string> ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        // Provinces come first in the parsed list, so parents exist before their children.
        var added = await connection.ExecuteAsync(InsertSql, Regions().Select(region => new
        {
            region.Code,
            region.Name,
            Level = (short)region.Level,
            region.ParentCode,
            Decree,
            region.Kind,
        }), transaction);
        return $"{added} seed regions added";
    }

    public static IReadOnlyList<ImportedRegion> Regions()
    {
        var assembly = typeof(RegionSeed).Assembly;
        var parsed = RegionCsvParser.Parse(Oversight.ServiceDefaults.EmbeddedText.Read(assembly, ProvincesResource),
            Oversight.ServiceDefaults.EmbeddedText.Read(assembly, RegenciesResource), new HashSet<string>());
        return parsed.Rejections.Count == 0
            ? parsed.Regions
            : throw new InvalidOperationException("The embedded region list is broken: " + string.Join("; ", parsed.Rejections));
    }
}
