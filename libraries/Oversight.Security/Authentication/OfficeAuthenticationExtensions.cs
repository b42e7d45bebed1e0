using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Oversight.Security.Authentication;

namespace Microsoft.Extensions.Hosting;

/// <summary>Validation of office tokens (JWTs from the region directory's <c>POST /connect/token</c>) for every service.</summary>
public static class OfficeAuthenticationExtensions
{
    /// <summary>The named HttpClient JwtBearer fetches the directory's metadata and JWKS with (service discovery, resilience).</summary>
    public const string MetadataClientName = "office-authentication-metadata";

    /// <summary>
    /// Adds JwtBearer as the default scheme, validating issuer, audience, lifetime (small clock skew) and the
    /// RS256 signature against the directory's published keys, and makes "a token with an office role" the fallback
    /// policy of every endpoint not declared anonymous (<see cref="OfficeAuthorization"/>); each gRPC method then checks
    /// its role and region with <see cref="GrpcOfficeAuthorization"/>. Call <c>app.UseAuthentication()</c> and
    /// <c>app.UseAuthorization()</c>.
    /// </summary>
    public static TBuilder AddOfficeAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var settings = builder.Configuration.GetSection(OfficeAuthenticationOptions.Section).Get<OfficeAuthenticationOptions>()
            ?? new OfficeAuthenticationOptions();
        builder.Services.AddSingleton(settings);
        builder.Services.AddHttpClient(MetadataClientName);
        // Deny by default: an endpoint not declared anonymous needs a token with an office role (OfficeAuthorization).
        builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(OfficeAuthorization.FallbackPolicy);
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, OfficeRefusalWriter>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();

        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IServiceProvider>((options, services) =>
            {
                // The JWT's claim names as they are ("role", "region"), not mapped to long WS-* URIs.
                options.MapInboundClaims = false;
                // A desk calls many times with one token: its validation is remembered briefly (RememberingTokenHandler).
                options.TokenHandlers.Clear();
                options.TokenHandlers.Add(new RememberingTokenHandler(TimeProvider.System) { MapInboundClaims = false });
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = settings.Issuer,
                    ValidAudience = settings.Audience,
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ValidateIssuerSigningKey = true,
                    ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                    ClockSkew = settings.ClockSkew,
                    NameClaimType = OfficeClaims.Subject,
                    RoleClaimType = OfficeClaims.Role,
                };

                if (services.GetService<IOfficeSigningKeys>() is { } localKeys)
                {
                    // The directory validates its own tokens with the keys it holds: no HTTP round-trip to itself.
                    options.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, _) => localKeys.ValidationKeys;
                    return;
                }

                options.MetadataAddress = settings.MetadataAddress;
                // JwtBearer fetches metadata with its own HttpClient; this one resolves "_http.region-directory".
                options.Backchannel = services.GetRequiredService<IHttpClientFactory>().CreateClient(MetadataClientName);
                // Plain HTTP only where no TLS exists: the AppHost runs every service on loopback without certificates
                // and says so. The JWKS decides which signatures are trusted, so anywhere else it must come over HTTPS.
                options.RequireHttpsMetadata = settings.RequireHttpsMetadata && !IsLoopback(settings.MetadataAddress);
            });
        builder.AddWarmupStep<SigningKeysWarmup>();
        return builder;
    }

    private static bool IsLoopback(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)));
}
