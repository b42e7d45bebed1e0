using Google.Api;
using Google.Protobuf.Reflection;
using Oversight.Testing;

namespace Oversight.IntegrationTests.Hostile;

/// <summary>A public gRPC method of the contracts, the service process that serves it, and its REST route when it has one.</summary>
internal sealed record PublicMethod(string Service, MethodDescriptor Method, IReadOnlyList<RestRoute> Routes)
{
    public string FullName => $"{Method.Service.FullName}/{Method.Name}";

    public override string ToString() => FullName;
}

/// <summary>A REST route from a method's <c>google.api.http</c> option (or one of its additional bindings).</summary>
internal sealed record RestRoute(string Verb, string Template, string? Body)
{
    /// <summary>The template's <c>{field}</c> variables.</summary>
    public IReadOnlyList<string> Variables =>
        [.. System.Text.RegularExpressions.Regex.Matches(Template, @"\{([^}=]+)(=[^}]*)?\}").Select(m => m.Groups[1].Value)];

    public override string ToString() => $"{Verb} {Template}";
}

/// <summary>
/// Every public gRPC method, read from the generated file descriptors of Oversight.Contracts (the <c>*Reflection.Descriptor</c>
/// properties), so a method added to a .proto is attacked without anyone editing this suite.
/// </summary>
internal static class ContractCatalogue
{
    /// <summary>Which process serves each proto service; a service missing here fails the suite, so it cannot be skipped silently.</summary>
    private static readonly Dictionary<string, string> Hosts = new(StringComparer.Ordinal)
    {
        ["oversight.complaints.v1.Complaints"] = TestSystem.Complaints,
        ["oversight.complaints.v1.ComplaintQueries"] = TestSystem.Complaints,
        ["oversight.notifications.v1.Notifications"] = TestSystem.Notifications,
        ["oversight.officecredentials.v1.OfficeCredentials"] = TestSystem.RegionDirectory,
        ["oversight.regiondirectory.v1.RegionDirectory"] = TestSystem.RegionDirectory,
        ["oversight.reporting.v1.Reporting"] = TestSystem.Reporting,
    };

    public static IReadOnlyList<FileDescriptor> Files { get; } =
        [.. typeof(Oversight.Contracts.Complaints.Complaints).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor")?.GetValue(null))
            .OfType<FileDescriptor>()
            .OrderBy(f => f.Name, StringComparer.Ordinal)];

    public static IReadOnlyList<PublicMethod> Methods { get; } =
        [.. Files.SelectMany(f => f.Services).SelectMany(s => s.Methods)
            .Select(m => new PublicMethod(HostOf(m.Service), m, RoutesOf(m)))];

    public static IEnumerable<string> ServiceNames => Files.SelectMany(f => f.Services).Select(s => s.FullName);

    public static string HostOf(ServiceDescriptor service) =>
        Hosts.TryGetValue(service.FullName, out var host)
            ? host
            : throw new InvalidOperationException($"{service.FullName} is not mapped to a process in {nameof(ContractCatalogue)}.");

    private static IReadOnlyList<RestRoute> RoutesOf(MethodDescriptor method)
    {
        var rule = method.GetOptions()?.GetExtension(AnnotationsExtensions.Http);
        if (rule is null) return [];
        return [.. new[] { rule }.Concat(rule.AdditionalBindings).Select(ToRoute).OfType<RestRoute>()];
    }

    private static RestRoute? ToRoute(HttpRule rule) => rule.PatternCase switch
    {
        HttpRule.PatternOneofCase.Get => new RestRoute("GET", rule.Get, NullIfEmpty(rule.Body)),
        HttpRule.PatternOneofCase.Post => new RestRoute("POST", rule.Post, NullIfEmpty(rule.Body)),
        HttpRule.PatternOneofCase.Put => new RestRoute("PUT", rule.Put, NullIfEmpty(rule.Body)),
        HttpRule.PatternOneofCase.Delete => new RestRoute("DELETE", rule.Delete, NullIfEmpty(rule.Body)),
        HttpRule.PatternOneofCase.Patch => new RestRoute("PATCH", rule.Patch, NullIfEmpty(rule.Body)),
        _ => null,
    };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
