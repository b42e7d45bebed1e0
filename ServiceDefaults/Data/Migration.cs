using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Oversight.ServiceDefaults.Data;

/// <summary>One numbered change of a database schema: applied once, in order, never edited after it shipped.</summary>
public sealed record Migration(string Component, int Version, string Name, string Sql)
{
    /// <summary>SHA-256 of the text: a migration changed after it was applied is refused at start, not silently skipped.</summary>
    public string Checksum => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    public override string ToString() => $"{Component} {Version:0000}_{Name}";
}

/// <summary>
/// Migrations a shared part brings into the service's database (the outbox's table): registered in DI by the part
/// itself, so the runner needs to know no part by name, and applied before the service's own, which may refer to them.
/// </summary>
public sealed record SharedMigrations(IReadOnlyList<Migration> Migrations);

/// <summary>
/// The migrations of one component (a service, or the shared outbox): the embedded resources
/// <c>Migrations/NNNN_name.sql</c> of an assembly, numbered 1, 2, 3... without gaps.
/// </summary>
public static partial class MigrationSet
{
    public const string ResourcePrefix = "Migrations/";

    public static IReadOnlyList<Migration> FromAssembly(string component, Assembly assembly) =>
        Validate(component, [.. assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Parse(component, name, EmbeddedText.Read(assembly, name)))]);

    /// <summary>Orders the migrations and refuses a set a reader could not trust: a gap, a duplicate, a bad name.</summary>
    public static IReadOnlyList<Migration> Validate(string component, IReadOnlyList<Migration> migrations)
    {
        var ordered = migrations.OrderBy(m => m.Version).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"Migrations of {component} must be numbered 1, 2, 3... without gaps or repeats; found {string.Join(", ", ordered.Select(m => m.Version))}.");
            }
        }
        return ordered;
    }

    private static Migration Parse(string component, string resourceName, string sql)
    {
        var match = FileName().Match(resourceName[ResourcePrefix.Length..]);
        if (!match.Success)
        {
            throw new InvalidOperationException($"Migration resource '{resourceName}' of {component} is not named NNNN_name.sql.");
        }
        return new Migration(component, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value, sql);
    }

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql$")]
    private static partial Regex FileName();
}
