using Grpc.Core;

namespace Oversight.Complaints.Grpc.Admission;

/// <summary>
/// Which provinces' complaints this complaints service takes, with regional sites (docs/architecture.md, "Regional
/// sites"): a site's service only its own province's (<c>Complaints:Sites:Province</c>), the centre's every province but
/// those taken at their sites (<c>Complaints:Sites:Elsewhere</c>, comma separated). Two services taking one province
/// would each number its complaints from the same office's sequence. Without sites both are empty: every province.
/// </summary>
public sealed class SiteJurisdiction
{
    public const string Section = "Complaints:Sites";

    private readonly string _province;
    private readonly HashSet<string> _elsewhere;

    public SiteJurisdiction(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        _province = section["Province"]?.Trim() ?? "";
        _elsewhere = [.. (section["Elsewhere"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        if (_province.Length > 0 && _elsewhere.Count > 0)
        {
            throw new InvalidOperationException($"{Section}: a service is a site (Province) or the centre (Elsewhere), not both.");
        }
    }

    /// <summary>At the centre, the provinces taken at their regional sites; empty at a site and without sites.</summary>
    public IReadOnlyCollection<string> Elsewhere => _elsewhere;

    /// <summary>Whether this service is a regional site's (<c>Complaints:Sites:Province</c> set).</summary>
    public static bool IsSite(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[$"{Section}:Province"]);

    /// <summary>Refuses, with FailedPrecondition naming where to submit, a region this service does not take.</summary>
    public void Admit(string regionCode)
    {
        var province = regionCode.Length >= 2 ? regionCode[..2] : regionCode;
        if (_province.Length > 0 && province != _province)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"region_code: this is the regional site of province {_province}; complaints of region {regionCode} are taken at the national centre"));
        }
        if (_elsewhere.Contains(province))
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"region_code: complaints of province {province} are taken at its regional site (site-{province}-complaints), not at the national centre"));
        }
    }
}
