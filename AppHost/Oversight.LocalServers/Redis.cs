using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Oversight.LocalServers;

namespace Aspire.Hosting;

/// <summary>
/// Redis 7 from Debian's <c>redis-server</c> package, run by DCP as an executable with an append-only file in the state
/// folder and a password. The password reaches it through the environment (<c>REDIS_PASSWORD</c>), as in Aspire's own
/// Redis integration, so it shows in no command line.
/// </summary>
public sealed class RedisResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";
    internal const string Executable = "/usr/bin/redis-server";

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    /// <summary>StackExchange.Redis's form, as Aspire's own Redis resource gives it.</summary>
    public ReferenceExpression ConnectionStringExpression =>
        this.TryGetLastAnnotation<ConnectionStringRedirectAnnotation>(out var redirect)
            ? redirect.Resource.ConnectionStringExpression
            : ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)},password={PasswordParameter}");
}

public static class RedisBuilderExtensions
{
    private const string Script = $"""exec {RedisResource.Executable} "$@" --requirepass "$REDIS_PASSWORD" """;

    /// <summary>Adds a Redis server keeping its data in <c>{state}/{name}</c>, with a secret password (<c>{name}-password</c>).</summary>
    /// <param name="port">The port clients use; null for one DCP picks (tests).</param>
    public static IResourceBuilder<RedisResource> AddRedis(this IDistributedApplicationBuilder builder, [ResourceName] string name, int? port = null)
    {
        var password = builder.AddStateSecret($"{name}-password");
        var data = builder.ExecutionContext.IsRunMode ? builder.DataDirectory(name) : "/data";
        var redis = new RedisResource(name, "/bin/sh", data, password.Resource);

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(redis, async (_, ct) =>
            connectionString = await redis.ConnectionStringExpression.GetValueAsync(ct));
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheck,
            _ => new PatientHealthCheck(new RedisPingHealthCheck(() => connectionString)), failureStatus: null, tags: null));

        return builder.AddResource(redis)
            .WithServerEndpoint(RedisResource.PrimaryEndpointName, port)
            .WithEnvironment("REDIS_PASSWORD", password)
            .WithArgs("-c", Script, "redis-server", "--bind", "127.0.0.1", "--dir", data,
                "--appendonly", "yes", "--save", "", "--daemonize", "no", "--protected-mode", "yes")
            .WithArgs(context =>
            {
                context.Args.Add("--port");
                context.Args.Add(redis.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithIconName("Memory")
            .WithHealthCheck(healthCheck)
            .PublishAsOfficialImage()
            .RequiresPackage(RedisResource.Executable, "redis-server");
    }
}
