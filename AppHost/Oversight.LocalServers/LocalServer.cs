using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Oversight.LocalServers;

/// <summary>
/// What the three servers share: the state folder where each keeps its data across restarts, the secrets kept
/// beside that data, the check that a Debian package is installed, and running a program as another user.
/// </summary>
public static class LocalServer
{
    /// <summary>Configuration key of the state folder (default: <c>.oversight/</c> beside the AppHost's repository).</summary>
    public const string StateDirectoryKey = "Oversight:StateDirectory";

    /// <summary>The folder that holds every server's data and the generated secrets.</summary>
    public static string StateDirectory(this IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(builder.Configuration[StateDirectoryKey]
            ?? Path.Combine(builder.AppHostDirectory, "..", "..", ".oversight"));

    /// <summary>Deletes the state folder: every server's data and the generated secrets (the AppHost's <c>--fresh</c>).</summary>
    public static void WipeState(this IDistributedApplicationBuilder builder)
    {
        var state = builder.StateDirectory();
        var fallbacks = Directory.Exists(state) ? Directory.GetDirectories(state).Select(FallbackHome).ToList() : [];
        foreach (var directory in fallbacks.Prepend(state))
        {
            if (!Directory.Exists(directory)) continue;
            Console.WriteLine($"--fresh: deleting {directory}");
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// Where a data folder lives when the postgres user cannot reach the state folder (a checkout under /root):
    /// /var/lib/oversight/{hash of the folder}.
    /// </summary>
    public static string FallbackHome(string dataDirectory) => Path.Combine("/var/lib/oversight", Convert.ToHexString(
        SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dataDirectory)))[..12]);

    /// <summary>A server's own data folder inside the state folder, created on first use.</summary>
    public static string DataDirectory(this IDistributedApplicationBuilder builder, string resourceName)
    {
        var directory = Path.Combine(builder.StateDirectory(), resourceName);
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>
    /// A secret parameter (<c>Parameters:{name}</c>). In run mode its value is generated on the first start into
    /// <c>secrets.json</c> in the state folder, so that it stays with the data it protects (a server initialised with a
    /// password, identities sealed with a key) and goes with it when the state is wiped. In publish mode the manifest
    /// asks the deployment for it.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddStateSecret(this IDistributedApplicationBuilder builder, string name,
        Func<string>? generate = null)
    {
        if (builder.ExecutionContext.IsRunMode)
        {
            StateSecrets.For(builder).Ensure(name, generate ?? NewPassword);
        }
        return builder.AddParameter(name, secret: true);
    }

    /// <summary>Whether this start of the AppHost created the secret (a first start, or one after wiping the state).</summary>
    public static bool CreatedSecretNow(this IDistributedApplicationBuilder builder, string name) =>
        builder.ExecutionContext.IsRunMode && StateSecrets.For(builder).CreatedNow.Contains(name);

    /// <summary>22 URL-safe characters: no comma (StackExchange.Redis cannot take one) and nothing a shell would expand.</summary>
    public static string NewPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', 'x').Replace('/', 'y');

    /// <summary>
    /// Adds a server endpoint that clients reach directly, not through DCP's proxy: a proxy stays open while the server
    /// is down and holds a client's connection until its own timeout, where the server itself would refuse at once (the
    /// fault suite saw /health hang for seconds with PostgreSQL killed). The port is the one given, or, when there is
    /// none or the AppHost randomizes ports as Aspire's testing does, a free one picked now (<see cref="ServerPorts"/>),
    /// kept across restarts.
    /// </summary>
    public static IResourceBuilder<T> WithServerEndpoint<T>(this IResourceBuilder<T> builder, string name, int? port, string scheme = "tcp")
        where T : IResourceWithEndpoints
    {
        var randomize = builder.ApplicationBuilder.Configuration.GetValue<bool>("DcpPublisher:RandomizePorts");
        var chosen = port is { } fixedPort && !randomize ? fixedPort : ServerPorts.PickFree();
        return builder.WithEndpoint(port: chosen, targetPort: chosen, name: name, scheme: scheme, isProxied: false);
    }

    /// <summary>Fails the resource's start with a message naming the Debian package when its executable is missing.</summary>
    public static IResourceBuilder<T> RequiresPackage<T>(this IResourceBuilder<T> builder, string executable, string debianPackage)
        where T : IResource
    {
        builder.ApplicationBuilder.Eventing.Subscribe<BeforeResourceStartedEvent>(builder.Resource, (@event, _) =>
        {
            if (!File.Exists(executable))
            {
                var message = MissingPackageMessage(executable, debianPackage);
                @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(builder.Resource).LogError("{Message}", message);
                throw new DistributedApplicationException($"'{builder.Resource.Name}': {message}");
            }
            return Task.CompletedTask;
        });
        return builder;
    }

    /// <summary>The words a missing server gets: what is missing and the command that installs it.</summary>
    public static string MissingPackageMessage(string executable, string debianPackage) =>
        $"{executable} is missing: install the Debian package '{debianPackage}' (sudo apt-get install -y {debianPackage}).";

    internal static bool IsRoot => Environment.UserName == "root";

    private sealed class StateSecrets
    {
        private static readonly Dictionary<IDistributedApplicationBuilder, StateSecrets> ByBuilder = [];
        private readonly IDistributedApplicationBuilder _builder;
        private readonly string _path;
        private readonly JsonObject _values;

        private StateSecrets(IDistributedApplicationBuilder builder)
        {
            _builder = builder;
            _path = Path.Combine(builder.StateDirectory(), "secrets.json");
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            _values = File.Exists(_path) ? JsonNode.Parse(File.ReadAllText(_path))?.AsObject() ?? [] : [];
        }

        public HashSet<string> CreatedNow { get; } = [];

        public static StateSecrets For(IDistributedApplicationBuilder builder)
        {
            lock (ByBuilder)
            {
                if (!ByBuilder.TryGetValue(builder, out var secrets)) ByBuilder[builder] = secrets = new StateSecrets(builder);
                return secrets;
            }
        }

        /// <summary>A value given to the AppHost (environment, command line) wins; else the kept one; else a new one, kept.</summary>
        public void Ensure(string name, Func<string> generate)
        {
            var key = "Parameters:" + name;
            if (!string.IsNullOrEmpty(_builder.Configuration[key])) return;
            lock (_values)
            {
                if (_values[name]?.GetValue<string>() is not { } value)
                {
                    value = generate();
                    _values[name] = value;
                    CreatedNow.Add(name);
                    File.WriteAllText(_path, _values.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                    if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
                _builder.Configuration[key] = value;
            }
        }
    }
}
