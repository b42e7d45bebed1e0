namespace Oversight.RegionDirectory.Infrastructure.Credentials;

/// <summary>Token issuing settings (section <c>RegionDirectory:Credentials</c>).</summary>
public sealed class CredentialsOptions
{
    public const string Section = "RegionDirectory:Credentials";

    /// <summary>How long an access token is valid. Short, because a revoked client's tokens live until they expire.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// The admin client registered at start-up when absent (section <c>RegionDirectory:BootstrapAdmin</c>): national
/// scope, admin role. The AppHost generates the secret into its secrets store and passes both here.
/// </summary>
public sealed class BootstrapAdminOptions
{
    public const string Section = "RegionDirectory:BootstrapAdmin";

    public string? ClientId { get; set; }

    public string? Secret { get; set; }
}
