using Oversight.RegionDirectory.Infrastructure;

namespace Oversight.RegionDirectory.Extensions;

public static class LookupExtensions
{
    /// <summary>The read-side lookups (ListChildren, ListAncestors, SearchRegions); needs the directorydb data source.</summary>
    public static IHostApplicationBuilder AddRegionLookups(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RegionQueries>();
        return builder;
    }
}
