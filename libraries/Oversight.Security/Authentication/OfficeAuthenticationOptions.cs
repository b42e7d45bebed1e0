namespace Oversight.Security.Authentication;

/// <summary>
/// How office tokens are validated (configuration section <c>OfficeAuthentication</c>). The region directory
/// issues with the same issuer and audience, so the defaults need no configuration anywhere.
/// </summary>
public sealed class OfficeAuthenticationOptions
{
    public const string Section = "OfficeAuthentication";

    /// <summary>The default issuer: a name, not an address, so every replica of the directory issues the same.</summary>
    public const string DefaultIssuer = "urn:oversight:region-directory";

    /// <summary>The default audience: the Oversight service APIs, all of which accept one token.</summary>
    public const string DefaultAudience = "oversight";

    /// <summary>The directory's metadata, reached through service discovery (its HTTP/1.1 <c>http</c> endpoint).</summary>
    public const string DefaultMetadataAddress = "http://_http.region-directory/.well-known/openid-configuration";

    public string Issuer { get; set; } = DefaultIssuer;

    public string Audience { get; set; } = DefaultAudience;

    public string MetadataAddress { get; set; } = DefaultMetadataAddress;

    /// <summary>
    /// Whether the directory's metadata (which names the keys that sign tokens) must come over HTTPS. The AppHost runs
    /// every service on loopback without certificates and turns it off; anywhere else it stays on.
    /// </summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Tolerated clock difference between the directory and a service; small, since tokens live 15 minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
