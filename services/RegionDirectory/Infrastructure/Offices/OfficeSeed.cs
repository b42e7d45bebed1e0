using Dapper;
using Npgsql;

namespace Oversight.RegionDirectory.Infrastructure.Offices;

/// <summary>Applies offices-seed.json inside the start-up schema transaction, after the regions it refers to.</summary>
internal static class OfficeSeed
{
    public static async Task<string> ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        var (offices, officials) = OfficeSeedData.Load();
        var addedOffices = await connection.ExecuteAsync(OfficeSql.SeedOffice, offices.Select(OfficeRow.Parameters), transaction);
        var addedOfficials = await connection.ExecuteAsync(OfficeSql.SeedOfficial, officials.Select(OfficialRow.Parameters), transaction);
        return $"{addedOffices} seed offices and {addedOfficials} seed officials added";
    }
}

/// <summary>The region directory's whole start-up seed: regions first, since offices and officials refer to them.</summary>
internal static class DirectorySeed
{
    public static async Task<string> ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction) =>
        $"{await RegionSeed.ApplyAsync(connection, transaction)}; {await OfficeSeed.ApplyAsync(connection, transaction)}";
}
