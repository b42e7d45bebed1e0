using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Grpc.Core;
using Grpc.Net.Client;
using Oversight.LocalServers;

namespace Oversight.Testing;

/// <summary>
/// The AppHost as <c>eng/run.sh</c> runs it, with its own PostgreSQL, Redis and RabbitMQ (not the run's shared servers),
/// run by Aspire.Hosting.Testing with two differences: a temporary state folder, and random ports (the testing
/// builder's default), so that it never meets a system a developer is running.
/// </summary>
public sealed class UnchangedAppHost : IAsyncDisposable
{
    public static readonly string[] Services = ["region-directory", "complaints", "notifications", "reporting"];

    private UnchangedAppHost(DistributedApplication app, string stateDirectory)
    {
        App = app;
        StateDirectory = stateDirectory;
    }

    public DistributedApplication App { get; }

    /// <summary>The state folder (<c>.oversight/</c> of a normal start): server data and <c>secrets.json</c>.</summary>
    public string StateDirectory { get; }

    /// <summary>Starts the AppHost and returns once every service is healthy.</summary>
    /// <param name="arguments">The AppHost's own options (e.g. <c>--allow-private-webhooks</c>).</param>
    /// <param name="configure">A change to the model before it is built (e.g. an SMTP listener's settings).</param>
    public static async Task<UnchangedAppHost> StartAsync(string[]? arguments = null,
        Action<IDistributedApplicationTestingBuilder>? configure = null, TimeSpan? within = null)
    {
        var bound = within ?? TimeSpan.FromMinutes(5);
        var stateDirectory = Path.Combine(Path.GetTempPath(), "oversight-apphost-" + Guid.NewGuid().ToString("N")[..8]);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Oversight_AppHost>(
            [$"--{LocalServer.StateDirectoryKey}={stateDirectory}", .. arguments ?? []],
            (options, _) => options.DisableDashboard = true);
        configure?.Invoke(builder);
        var app = await builder.BuildAsync();
        var host = new UnchangedAppHost(app, stateDirectory);
        try
        {
            await app.StartAsync().WaitAsync(bound);
            foreach (var service in Services)
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(service).WaitAsync(bound);
            }
            return host;
        }
        catch (Exception ex)
        {
            var failure = StartFailure.Explain(app, "The AppHost", ex);
            await host.DisposeAsync();
            throw failure;
        }
    }

    /// <summary>The value of one of the AppHost's parameters (a generated secret such as the bootstrap admin's).</summary>
    public async Task<string> ParameterAsync(string name) =>
        await App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>()
            .Single(p => p.Name == name).GetValueAsync(CancellationToken.None)
        ?? throw new InvalidOperationException($"The AppHost's parameter {name} has no value.");

    /// <summary>The bootstrap admin's token as gRPC headers, from the AppHost's directory.</summary>
    public async Task<Metadata> AdminHeadersAsync()
    {
        using var directory = new HttpClient { BaseAddress = Endpoint("region-directory", "http") };
        return TestSystem.Bearer(await TestSystem.TokenAsync(directory, TestSystem.AdminClientId, await ParameterAsync("region-directory-admin-secret")));
    }

    /// <summary>A new office client of one role and region scope ("" = national), registered by the bootstrap admin, as gRPC headers.</summary>
    public async Task<Metadata> OfficeHeadersAsync(string role, string regionCode)
    {
        using var directory = new HttpClient { BaseAddress = Endpoint("region-directory", "http") };
        using var channel = GrpcChannel.ForAddress(Endpoint("region-directory", "grpc"));
        return await TestSystem.OfficeClientHeadersAsync(directory, channel.CreateCallInvoker(), await AdminHeadersAsync(),
            $"{role} {regionCode}", regionCode, role);
    }

    /// <summary>A URL of a resource's endpoint (e.g. ("complaints", "grpc")).</summary>
    public Uri Endpoint(string resource, string endpoint) => App.GetEndpoint(resource, endpoint);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }
        finally
        {
            await App.DisposeAsync();
            DeleteState(StateDirectory);
        }
    }

    /// <summary>Deletes a state folder, with the PostgreSQL cluster kept in the fallback home when the postgres user could not reach it.</summary>
    public static void DeleteState(string directory)
    {
        foreach (var path in Directory.Exists(directory)
            ? Directory.GetDirectories(directory).Select(LocalServer.FallbackHome).Append(directory)
            : [directory])
        {
            try
            {
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
