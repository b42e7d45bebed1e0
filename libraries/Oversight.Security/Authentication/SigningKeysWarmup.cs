using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Oversight.ServiceDefaults.Warmup;

namespace Oversight.Security.Authentication;

/// <summary>
/// Fetches the region directory's metadata and JWKS before the service reports ready. JwtBearer otherwise fetches them
/// on the first call with a token, and every call arriving meanwhile waits for that fetch.
/// </summary>
public sealed class SigningKeysWarmup(IOptionsMonitor<JwtBearerOptions> options, IServiceProvider services) : IWarmupStep
{
    public string Name => "office signing keys";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // The directory validates with the keys it holds (OfficeAuthenticationExtensions): nothing to fetch.
        if (services.GetService(typeof(IOfficeSigningKeys)) is not null) return;
        if (options.Get(JwtBearerDefaults.AuthenticationScheme).ConfigurationManager is { } metadata)
        {
            await metadata.GetConfigurationAsync(cancellationToken);
        }
    }
}
