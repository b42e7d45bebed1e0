using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Oversight.Security.Authentication;

namespace Oversight.UnitTests.Authentication;

/// <summary>
/// Deny by default, checked on the real endpoint tables: each service is built with its own registration and
/// endpoint mapping (nothing started, no server reached), every gRPC method and REST route is listed, and each must
/// either be on the declared anonymous list below or fall under the fallback policy (a token with an office role).
/// A new anonymous endpoint fails here until it is added to the list (and to docs/security.md).
/// </summary>
public sealed class EndpointPolicyTests
{
    // The declared anonymous endpoints of each service: probes and reflection everywhere; region look-ups, the
    // calendar and token issuance at the directory; the reporter's tracking at complaints; open data and the
    // situation room's page and sign-in at reporting.
    private static readonly string[] Everywhere =
    [
        "ANY /health",
        "ANY /alive",
        "grpc /grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
        "grpc /grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
        // gRPC's own catch-alls: they answer Unimplemented to anyone, with nothing else.
        "ANY /{unimplementedService}/{unimplementedMethod:grpcunimplemented}",
        "ANY /grpc.reflection.v1alpha.ServerReflection/{unimplementedMethod:grpcunimplemented}",
        "ANY /grpc.reflection.v1.ServerReflection/{unimplementedMethod:grpcunimplemented}",
    ];

    public static TheoryData<string> Services => ["complaints", "region-directory", "notifications", "reporting"];

    private static readonly Dictionary<string, string[]> DeclaredAnonymous = new()
    {
        ["region-directory"] =
        [
            "grpc /oversight.regiondirectory.v1.RegionDirectory/GetRegion",
            "grpc /oversight.regiondirectory.v1.RegionDirectory/ListChildren",
            "grpc /oversight.regiondirectory.v1.RegionDirectory/ListAncestors",
            "grpc /oversight.regiondirectory.v1.RegionDirectory/SearchRegions",
            "grpc /oversight.regiondirectory.v1.RegionDirectory/GetElectionCalendar",
            "grpc /oversight.regiondirectory.v1.RegionDirectory/GetCampaignStatus",
            "GET /v1/regions",
            "GET /v1/regions/{code}",
            "GET /v1/regions/{code}/children",
            "GET /v1/regions/{code}/ancestors",
            "GET /v1/regions:search",
            "GET /v1/regions/{code}/campaign-status",
            "GET /v1/elections/{election_id}/calendar",
            "POST /connect/token",
            "GET /.well-known/jwks.json",
            "GET /.well-known/openid-configuration",
        ],
        ["complaints"] = ["grpc /oversight.complaints.v1.Complaints/TrackComplaint", "POST /v1/complaints:track"],
        ["notifications"] = [],
        ["reporting"] =
        [
            "GET /v1/open-data/counts",
            "GET /situation-room",
            "GET /situation-room/app.js",
            "GET /situation-room/app.css",
            "POST /situation-room/api/sign-in",
            "POST /situation-room/api/sign-out",
        ],
    };

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_endpoint_is_declared_anonymous_or_needs_a_token_with_an_office_role(string service)
    {
        await using var app = Build(service);
        var endpoints = Endpoints(app);
        Assert.NotEmpty(endpoints);

        var fallback = await app.Services.GetRequiredService<IAuthorizationPolicyProvider>().GetFallbackPolicyAsync();
        Assert.Same(OfficeAuthorization.FallbackPolicy, fallback);

        var anonymous = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null).SelectMany(Describe)
            .ToHashSet(StringComparer.Ordinal);
        var undeclared = anonymous.Except(Everywhere).Except(DeclaredAnonymous[service]).Order().ToList();
        Assert.True(undeclared.Count == 0, $"{service}: anonymous but not declared: {string.Join(", ", undeclared)}");
        var missing = DeclaredAnonymous[service].Except(anonymous).Order().ToList();
        Assert.True(missing.Count == 0, $"{service}: declared anonymous but not (or no longer) mapped so: {string.Join(", ", missing)}");

        // Everything else carries no authorization metadata of its own, so the fallback policy applies to it: an
        // [Authorize] with a weaker policy would be a declaration too, and there must be none.
        var ownPolicies = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null
            && e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0).SelectMany(Describe).ToList();
        Assert.Empty(ownPolicies);
    }

    [Fact]
    public void The_fallback_policy_needs_an_authenticated_caller_holding_one_of_the_office_roles()
    {
        var requirements = OfficeAuthorization.FallbackPolicy.Requirements;
        Assert.Contains(requirements, r => r is Microsoft.AspNetCore.Authorization.Infrastructure.DenyAnonymousAuthorizationRequirement);
        var role = Assert.Single(requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.ClaimsAuthorizationRequirement>());
        Assert.Equal(OfficeClaims.Role, role.ClaimType);
        Assert.Equal(OfficeRoles.All, role.AllowedValues);
    }

    [Fact]
    public async Task Transcoded_rest_routes_of_anonymous_methods_are_anonymous_and_the_others_are_not()
    {
        // REST through JSON transcoding carries the gRPC method's metadata: a look-up route is open, an office route
        // is not. Checked on the directory, which has both.
        await using var app = Build("region-directory");
        var rest = Endpoints(app).Where(e => e.Metadata.GetMetadata<GrpcMethodMetadata>() is not null
            && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") == true
            && (e as RouteEndpoint)?.RoutePattern.RawText?.StartsWith("/v1/", StringComparison.Ordinal) == true).ToList();
        var getRegion = rest.Where(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()!.Method.Name == "GetRegion").ToList();
        Assert.NotEmpty(getRegion);
        Assert.All(getRegion, e => Assert.NotNull(e.Metadata.GetMetadata<IAllowAnonymous>()));
        var listOffices = rest.Where(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()!.Method.Name == "ListOffices").ToList();
        Assert.NotEmpty(listOffices);
        Assert.All(listOffices, e => Assert.Null(e.Metadata.GetMetadata<IAllowAnonymous>()));
    }

    private static IEnumerable<string> Describe(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<GrpcMethodMetadata>() is { } grpc
            && (endpoint as RouteEndpoint)?.RoutePattern.RawText == grpc.Method.FullName)
        {
            return [$"grpc {grpc.Method.FullName}"];
        }
        var pattern = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? endpoint.DisplayName ?? "?";
        if (!pattern.StartsWith('/')) pattern = "/" + pattern;
        var verbs = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"];
        return verbs.Select(verb => $"{verb} {pattern}");
    }

    private static List<Endpoint> Endpoints(WebApplication app) =>
        ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints).ToList();

    /// <summary>The service's own registration and mapping, with placeholder addresses nothing connects to.</summary>
    private static WebApplication Build(string service)
    {
        var assembly = service switch
        {
            "complaints" => typeof(Oversight.Complaints.Extensions.Extensions).Assembly,
            "region-directory" => typeof(Oversight.RegionDirectory.Extensions.Extensions).Assembly,
            "notifications" => typeof(Oversight.Notifications.Extensions.Extensions).Assembly,
            "reporting" => typeof(Oversight.Reporting.Extensions.Extensions).Assembly,
            _ => throw new ArgumentOutOfRangeException(nameof(service)),
        };
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = assembly.GetName().Name,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:complaintsdb"] = "Host=127.0.0.1;Port=1;Database=none",
            ["ConnectionStrings:directorydb"] = "Host=127.0.0.1;Port=1;Database=none",
            ["ConnectionStrings:notificationsdb"] = "Host=127.0.0.1;Port=1;Database=none",
            ["ConnectionStrings:reportingdb"] = "Host=127.0.0.1;Port=1;Database=none",
            ["ConnectionStrings:cache"] = "127.0.0.1:1,abortConnect=false",
            ["ConnectionStrings:messaging"] = "amqp://guest:guest@127.0.0.1:1",
            ["Complaints:IdentityKeys:k1"] = Convert.ToBase64String(new byte[32]),
            ["Complaints:CurrentIdentityKeyId"] = "k1",
        });
        builder.AddServiceDefaults();
        switch (service)
        {
            case "complaints": Oversight.Complaints.Extensions.Extensions.AddApplicationServices(builder); break;
            case "region-directory": Oversight.RegionDirectory.Extensions.Extensions.AddApplicationServices(builder); break;
            case "notifications": Oversight.Notifications.Extensions.Extensions.AddApplicationServices(builder); break;
            default: Oversight.Reporting.Extensions.Extensions.AddApplicationServices(builder); break;
        }
        var app = builder.Build();
        switch (service)
        {
            case "complaints": Oversight.Complaints.Extensions.Extensions.MapApplicationEndpoints(app); break;
            case "region-directory": Oversight.RegionDirectory.Extensions.Extensions.MapApplicationEndpoints(app); break;
            case "notifications": Oversight.Notifications.Extensions.Extensions.MapApplicationEndpoints(app); break;
            default: Oversight.Reporting.Extensions.Extensions.MapApplicationEndpoints(app); break;
        }
        return app;
    }
}
