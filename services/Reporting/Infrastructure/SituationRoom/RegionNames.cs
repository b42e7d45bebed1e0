using System.Collections.Concurrent;
using System.Net.Http.Json;
using Oversight.Regions;
using Oversight.Reporting.Model;

namespace Oversight.Reporting.Infrastructure.SituationRoom;

/// <summary>
/// The names of regions for the situation room's tree ("Kota Mataram" beside 52.71), from the region directory's
/// anonymous look-up (<c>GET /v1/regions/{code}</c>), kept in memory: names change once a year, by import. A
/// directory that does not answer leaves the names out (the page shows the codes) and is asked again next time.
/// </summary>
public sealed class RegionNames(IHttpClientFactory clients, ILogger<RegionNames> logger)
{
    /// <summary>At most this many codes per request: a tree level of a province has a few dozen.</summary>
    public const int MaxCodes = 100;

    private readonly ConcurrentDictionary<string, string> _known = new(StringComparer.Ordinal);

    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IReadOnlyCollection<string> codes, CancellationToken cancellation)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var code in codes.Distinct(StringComparer.Ordinal))
        {
            if (!_known.TryGetValue(code, out var name))
            {
                name = await LookUpAsync(code, cancellation);
                if (name is null)
                {
                    continue;
                }
                _known[code] = name;
            }
            names[code] = name;
        }
        return names;
    }

    private sealed record RegionJson(string? Code, string? Name);

    private async Task<string?> LookUpAsync(string code, CancellationToken cancellation)
    {
        try
        {
            var region = await clients.CreateClient(DirectorySignIn.ClientName)
                .GetFromJsonAsync<RegionJson>($"/v1/regions/{Uri.EscapeDataString(code)}", cancellation);
            return string.IsNullOrWhiteSpace(region?.Name) ? null : region.Name;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellation.IsCancellationRequested)
        {
            logger.LogWarning("Situation room region name of {RegionCode} unavailable from the region directory: {ExceptionType}", code, ex.GetType().Name);
            return null;
        }
    }

    /// <summary>The codes of a <c>codes=52,52.71</c> query, each checked; the error names the rule.</summary>
    public static IReadOnlyList<string>? Parse(string query, out string? error)
    {
        var codes = query.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        error = codes.Length > MaxCodes ? $"codes: at most {MaxCodes} region codes"
            : codes.FirstOrDefault(c => !RegionCode.IsValid(c)) is { } bad ? $"codes: '{bad}' is not a region code; {RegionCode.Rule}"
            : null;
        return error is null ? codes : null;
    }
}
