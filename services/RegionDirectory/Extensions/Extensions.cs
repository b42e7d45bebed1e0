using Oversight.RegionDirectory.Infrastructure;

namespace Oversight.RegionDirectory.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource("directorydb");
        builder.AddDefaultGrpc();
        builder.Services.AddSingleton<RegionRepository>();
        builder.Services.AddSingleton<RegionImportStore>();
        builder.Services.AddSingleton<RegionImporter>();
        builder.AddRegionLookups();
    }
}
