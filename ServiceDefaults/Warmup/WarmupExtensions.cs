using Microsoft.Extensions.DependencyInjection;
using Oversight.ServiceDefaults.Warmup;

namespace Microsoft.Extensions.Hosting;

public static class WarmupExtensions
{
    /// <summary>
    /// Adds <typeparamref name="TStep"/> to the steps run before the service reports ready, and the <c>warm-up</c>
    /// readiness check that waits for them (once, however many steps are added).
    /// </summary>
    public static IHostApplicationBuilder AddWarmupStep<TStep>(this IHostApplicationBuilder builder) where TStep : class, IWarmupStep
    {
        builder.Services.AddSingleton<IWarmupStep, TStep>();
        if (builder.Services.Any(s => s.ServiceType == typeof(StartupWarmup)))
        {
            return builder;
        }
        builder.Services.AddSingleton<StartupWarmup>();
        builder.Services.AddHostedService(services => services.GetRequiredService<StartupWarmup>());
        builder.Services.AddHealthChecks().AddCheck<StartupWarmup>("warm-up", tags: ["ready"]);
        return builder;
    }
}
