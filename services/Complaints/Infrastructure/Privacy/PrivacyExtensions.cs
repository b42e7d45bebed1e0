namespace Oversight.Complaints.Infrastructure.Privacy;

public static class PrivacyExtensions
{
    /// <summary>
    /// The identity key ring, the <see cref="ReporterIdentityProtector"/> and the <see cref="ReporterPin"/> hasher (keyed from the ring). The ring is read here, while the
    /// application is built, not on first use: a missing or malformed key stops the start at once with an
    /// <see cref="IdentityKeyConfigurationException"/> naming each bad setting.
    /// </summary>
    public static IHostApplicationBuilder AddReporterPrivacy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(IdentityKeyRing.FromConfiguration(builder.Configuration));
        builder.Services.AddSingleton<ReporterIdentityProtector>();
        builder.Services.AddSingleton<ReporterPin>();
        return builder;
    }
}
