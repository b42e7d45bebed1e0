namespace Oversight.RegionDirectory.Infrastructure.Sites;

/// <summary>
/// Configuration section <c>RegionDirectory:Copy</c>. Set at a regional site only (the AppHost's <c>--site</c>): the
/// directory there is a read-only copy of the centre's, replaced by each snapshot the centre sends (docs/architecture.md,
/// "Regional sites"). Unset, the directory is the centre's: it takes writes and sends snapshots.
/// </summary>
public sealed class DirectoryCopyOptions
{
    public const string Section = "RegionDirectory:Copy";

    /// <summary>The site's province code (<c>52</c>); empty at the centre.</summary>
    public string Site { get; set; } = "";

    /// <summary>Where writes are made instead, named in a refusal: the centre's directory address.</summary>
    public string Centre { get; set; } = "the national centre's region directory";

    public bool IsCopy => Site.Length > 0;

    public static bool IsCopyIn(IConfiguration configuration) =>
        (configuration.GetSection(Section).Get<DirectoryCopyOptions>() ?? new DirectoryCopyOptions()).IsCopy;
}
