using Dapper;
using Npgsql;
using Oversight.RegionDirectory.Model;

namespace Oversight.RegionDirectory.Infrastructure;

/// <summary>The regions every deployment starts with, from the embedded regions-seed.csv (code,name,parent_code).</summary>
internal static class RegionSeed
{
    public const string Decree = "Kepmendagri 300.2.2-2138/2025";

    private const string InsertSql = """
        INSERT INTO regions (code, name, level, parent_code, decree, kind)
        VALUES (@Code, @Name, @Level, @ParentCode, @Decree, @Kind)
        ON CONFLICT (code) DO NOTHING
        """;

    /// <summary>Inserts the rows not yet present; says how many were added.</summary>
    public static async Task<string> ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        var added = await connection.ExecuteAsync(InsertSql, Rows().Select(row => new
        {
            row.Code,
            row.Name,
            Level = (short)row.Level,
            row.ParentCode,
            row.Decree,
            Kind = RegionCode.KindOf(row.Code),
        }), transaction);
        return $"{added} seed regions added";
    }

    // Provinces come first in the file, so parents exist before their children.
    private static IEnumerable<RegionRecord> Rows() =>
        DatabaseSchema.ReadResource(typeof(RegionSeed).Assembly, "regions-seed.csv")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Skip(1)
            .Select(line => line.Split(','))
            .Select(fields => new RegionRecord
            {
                Code = fields[0],
                Name = fields[1],
                Level = RegionCode.LevelOf(fields[0]),
                ParentCode = fields[2] is { Length: > 0 } parent ? parent : null,
                Decree = Decree,
            });
}
