using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Oversight.Complaints.Infrastructure.Routing;

public static class RoutingCacheExtensions
{
    /// <summary>The routing cache (one per process) and its options from <c>Complaints:Routing</c>, checked at start.</summary>
    public static void AddRoutingCache(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RoutingCacheOptions>()
            .Bind(builder.Configuration.GetSection(RoutingCacheOptions.Section))
            .Validate(o => o.Invalidity() is null, "Complaints:Routing: invalid settings (FreshFor ≥ 0, UsableFor ≥ FreshFor, WaitWhenCached > 0, RecheckAfter ≥ 0, MaxEntries ≥ 0, ServeWhileRefreshing ≥ 0)")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RoutingCache>();
        builder.Services.AddSingleton<SharedRoutingAnswers>();
    }
}
