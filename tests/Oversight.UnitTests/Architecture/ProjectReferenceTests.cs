using System.Xml.Linq;

namespace Oversight.UnitTests.Architecture;

/// <summary>
/// Who may reference whom (docs/architecture.md, "Code structure"), read from every project file of the repository:
/// a forbidden reference fails here, naming the project and what it references.
/// </summary>
public sealed class ProjectReferenceTests
{
    [Fact]
    public void No_project_references_what_the_code_structure_forbids()
    {
        var projects = Directory.EnumerateFiles(SharedData.RepositoryRoot, "*.csproj", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(SharedData.RepositoryRoot, path).Replace('\\', '/'))
            .Where(path => !path.Split('/').Any(part => part is "bin" or "obj" or "node_modules"))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Contains(ReferenceRules.ServiceDefaults, projects);

        var violations = projects
            .SelectMany(path => ReferenceRules.Violations(path, File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, path))))
            .ToList();

        Assert.True(violations.Count == 0, "Forbidden references:\n" + string.Join("\n", violations));
    }

    [Theory]
    [InlineData("services/Reporting/Oversight.Reporting.csproj", "../Complaints/Oversight.Complaints.csproj",
        "services/Reporting/Oversight.Reporting.csproj references services/Complaints/Oversight.Complaints.csproj: a service references no other service")]
    [InlineData("services/Reporting/Oversight.Reporting.csproj", "../Complaints.Domain/Oversight.Complaints.Domain.csproj",
        "services/Reporting/Oversight.Reporting.csproj references services/Complaints.Domain/Oversight.Complaints.Domain.csproj: a service references no other service")]
    [InlineData("ServiceDefaults/Oversight.ServiceDefaults.csproj", "../contracts/Oversight.Contracts.csproj",
        "ServiceDefaults/Oversight.ServiceDefaults.csproj references contracts/Oversight.Contracts.csproj: ServiceDefaults references only libraries/Oversight.Regions")]
    [InlineData("ServiceDefaults/Oversight.ServiceDefaults.csproj", "../libraries/Oversight.Messaging/Oversight.Messaging.csproj",
        "ServiceDefaults/Oversight.ServiceDefaults.csproj references libraries/Oversight.Messaging/Oversight.Messaging.csproj: ServiceDefaults references only libraries/Oversight.Regions")]
    [InlineData("tools/Oversight.LoadGen/Oversight.LoadGen.csproj", "../../tests/Oversight.Testing/Oversight.Testing.csproj",
        "tools/Oversight.LoadGen/Oversight.LoadGen.csproj references tests/Oversight.Testing/Oversight.Testing.csproj: a tool references nothing under tests/")]
    [InlineData("bench/Oversight.Bench/Oversight.Bench.csproj", "../../tests/Oversight.Testing/Oversight.Testing.csproj",
        "bench/Oversight.Bench/Oversight.Bench.csproj references tests/Oversight.Testing/Oversight.Testing.csproj: a tool references nothing under tests/")]
    [InlineData("libraries/Oversight.Regions/Oversight.Regions.csproj", "../Oversight.Messaging/Oversight.Messaging.csproj",
        "libraries/Oversight.Regions/Oversight.Regions.csproj references libraries/Oversight.Messaging/Oversight.Messaging.csproj: it is pure (no project, no package)")]
    [InlineData("libraries/Oversight.Messaging/Oversight.Messaging.csproj", "../../services/Complaints/Oversight.Complaints.csproj",
        "libraries/Oversight.Messaging/Oversight.Messaging.csproj references services/Complaints/Oversight.Complaints.csproj: a library references only contracts/, ServiceDefaults and other libraries")]
    [InlineData("services/Complaints.Domain/Oversight.Complaints.Domain.csproj", "../../contracts/Oversight.Contracts.csproj",
        "services/Complaints.Domain/Oversight.Complaints.Domain.csproj references contracts/Oversight.Contracts.csproj: it is pure (references only libraries/Oversight.Regions and libraries/Oversight.Catalogues)")]
    [InlineData("libraries/Oversight.Catalogues/Oversight.Catalogues.csproj", "../Oversight.Regions/Oversight.Regions.csproj",
        "libraries/Oversight.Catalogues/Oversight.Catalogues.csproj references libraries/Oversight.Regions/Oversight.Regions.csproj: it is pure (no project, no package)")]
    public void A_forbidden_reference_is_named(string project, string reference, string expected)
    {
        var text = $"""<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><ProjectReference Include="{reference}" /></ItemGroup></Project>""";

        Assert.Equal([expected], ReferenceRules.Violations(project, text));
    }

    [Fact]
    public void A_framework_package_in_a_pure_library_is_named()
    {
        const string text = """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="Npgsql" /></ItemGroup></Project>""";

        Assert.Equal(["libraries/Oversight.Regions/Oversight.Regions.csproj references the package Npgsql: it is pure (no project, no package)"],
            ReferenceRules.Violations("libraries/Oversight.Regions/Oversight.Regions.csproj", text));
    }

    [Theory]
    [InlineData("services/Complaints/Oversight.Complaints.csproj", "../Complaints.Domain/Oversight.Complaints.Domain.csproj")]
    [InlineData("services/Complaints.Domain/Oversight.Complaints.Domain.csproj", "../../libraries/Oversight.Catalogues/Oversight.Catalogues.csproj")]
    [InlineData("services/Reporting/Oversight.Reporting.csproj", "../../libraries/Oversight.Catalogues/Oversight.Catalogues.csproj")]
    [InlineData("services/Complaints/Oversight.Complaints.csproj", "../../libraries/Oversight.Messaging/Oversight.Messaging.csproj")]
    [InlineData("libraries/Oversight.Security/Oversight.Security.csproj", "../../ServiceDefaults/Oversight.ServiceDefaults.csproj")]
    [InlineData("tools/Oversight.LoadGen/Oversight.LoadGen.csproj", "../Oversight.Harness/Oversight.Harness.csproj")]
    [InlineData("tests/Oversight.UnitTests/Oversight.UnitTests.csproj", "../../tools/Oversight.LoadGen/Oversight.LoadGen.csproj")]
    public void An_allowed_reference_passes(string project, string reference)
    {
        var text = $"""<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><ProjectReference Include="{reference}" /></ItemGroup></Project>""";

        Assert.Empty(ReferenceRules.Violations(project, text));
    }
}

/// <summary>The rules of docs/architecture.md's "Code structure" over one project file (paths relative to the repository's root).</summary>
internal static class ReferenceRules
{
    public const string ServiceDefaults = "ServiceDefaults/Oversight.ServiceDefaults.csproj";
    private const string Regions = "libraries/Oversight.Regions/Oversight.Regions.csproj";
    private const string Catalogues = "libraries/Oversight.Catalogues/Oversight.Catalogues.csproj";
    private const string Complaints = "services/Complaints/Oversight.Complaints.csproj";
    private const string ComplaintsDomain = "services/Complaints.Domain/Oversight.Complaints.Domain.csproj";

    private const string DomainRule = "it is pure (references only libraries/Oversight.Regions and libraries/Oversight.Catalogues)";

    /// <summary>Each forbidden reference of the project: "PROJECT references REFERENCE: RULE".</summary>
    public static IReadOnlyList<string> Violations(string project, string csprojText)
    {
        var document = XDocument.Parse(csprojText);
        var directory = Path.GetDirectoryName(project)!;
        var references = document.Descendants().Where(e => e.Name.LocalName == "ProjectReference")
            .Select(e => Normalize(Path.Combine(directory, e.Attribute("Include")!.Value)))
            .ToList();
        var packages = document.Descendants().Where(e => e.Name.LocalName == "PackageReference")
            .Select(e => e.Attribute("Include")?.Value ?? e.Attribute("Update")?.Value ?? "")
            .ToList();

        var violations = new List<string>();
        void Forbid(string reference, string rule) => violations.Add($"{project} references {reference}: {rule}");

        foreach (var reference in references)
        {
            if (project.StartsWith("services/", StringComparison.Ordinal) && reference.StartsWith("services/", StringComparison.Ordinal)
                && !(project == Complaints && reference == ComplaintsDomain))
            {
                Forbid(reference, project == ComplaintsDomain ? DomainRule : "a service references no other service");
            }
            else if (project == ComplaintsDomain && reference is not (Regions or Catalogues))
            {
                Forbid(reference, DomainRule);
            }
            if (project == ServiceDefaults && reference != Regions)
            {
                Forbid(reference, "ServiceDefaults references only libraries/Oversight.Regions");
            }
            if ((project.StartsWith("bench/", StringComparison.Ordinal) || project.StartsWith("tools/", StringComparison.Ordinal))
                && reference.StartsWith("tests/", StringComparison.Ordinal))
            {
                Forbid(reference, "a tool references nothing under tests/");
            }
            if (project.StartsWith("libraries/", StringComparison.Ordinal) && !IsLibrary(reference))
            {
                Forbid(reference, "a library references only contracts/, ServiceDefaults and other libraries");
            }
            if (project is Regions or Catalogues)
            {
                Forbid(reference, "it is pure (no project, no package)");
            }
        }
        foreach (var package in packages.Where(_ => project is Regions or Catalogues or ComplaintsDomain))
        {
            violations.Add($"{project} references the package {package}: it is pure (no project, no package)");
        }
        return violations;
    }

    private static bool IsLibrary(string reference) =>
        reference == ServiceDefaults || reference.StartsWith("libraries/", StringComparison.Ordinal) || reference.StartsWith("contracts/", StringComparison.Ordinal);

    // "services/Reporting/../Complaints/X.csproj" -> "services/Complaints/X.csproj"
    private static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part == "..") parts.RemoveAt(parts.Count - 1);
            else if (part is not ("." or "")) parts.Add(part);
        }
        return string.Join('/', parts);
    }
}
