using Oversight.RegionDirectory.Infrastructure.Offices;

namespace Oversight.RegionDirectory.Extensions;

public static class OfficeExtensions
{
    /// <summary>Offices, officials and complaint routing; needs the directorydb data source and the Redis client.</summary>
    public static IHostApplicationBuilder AddOffices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OfficeCache>();
        builder.Services.AddSingleton<OfficeQueries>();
        builder.Services.AddSingleton<OfficeStore>();
        builder.Services.AddSingleton<CachedComplaintRouter>();
        return builder;
    }
}
