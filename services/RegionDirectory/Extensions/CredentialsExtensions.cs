using Microsoft.Extensions.DependencyInjection.Extensions;
using Oversight.Security.Authentication;
using Oversight.RegionDirectory.Infrastructure.Credentials;

namespace Oversight.RegionDirectory.Extensions;

public static class CredentialsExtensions
{
    /// <summary>
    /// Office credentials: signing key, client store, token issuer, and validation of this service's own tokens
    /// with its own keys (registered as <see cref="IOfficeSigningKeys"/>, so no HTTP round-trip to itself).
    /// </summary>
    public static IHostApplicationBuilder AddOfficeCredentials(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<CredentialsOptions>(builder.Configuration.GetSection(CredentialsOptions.Section));
        builder.Services.Configure<BootstrapAdminOptions>(builder.Configuration.GetSection(BootstrapAdminOptions.Section));
        builder.Services.AddSingleton<SigningKeyStore>();
        builder.Services.AddSingleton<IOfficeSigningKeys>(services => services.GetRequiredService<SigningKeyStore>());
        builder.Services.AddSingleton<OfficeClientStore>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddOfficeAuthentication();
        return builder;
    }
}
