using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using Oversight.Testing;
using System.Text.RegularExpressions;

namespace Oversight.IntegrationTests.AppHost;

/// <summary>
/// The deployment model: the built AppHost, run with <c>--publisher manifest</c>, writes Aspire's manifest of the whole
/// system: the services as projects, the servers as containers of the official images, the databases as connection
/// strings on top of their server's, the secrets as parameters the deployment supplies, and nothing of this machine.
/// </summary>
public sealed class ManifestTests(PublishedManifest manifest) : IClassFixture<PublishedManifest>
{
    private static readonly string[] Services = ["region-directory", "complaints", "notifications", "reporting"];
    private static readonly string[] Servers = ["postgres", "cache", "messaging"];
    private static readonly string[] Databases = ["directorydb", "complaintsdb", "notificationsdb"];

    /// <summary>The secrets the deployment must supply: the servers' passwords and the AppHost's own.</summary>
    private static readonly string[] SecretParameters =
    [
        "postgres-password", "cache-password", "messaging-password",
        "region-directory-admin-secret", "complaints-identity-key-k1", "notifications-directory-secret",
    ];

    [Fact]
    public void Every_service_server_and_database_is_in_the_manifest_with_its_type()
    {
        foreach (var service in Services)
        {
            Assert.Matches("^project\\.v[01]$", manifest.Type(service));
            // Relative to the manifest, as Aspire writes it, and the service's own project.
            var path = manifest.Resource(service)["path"]!.GetValue<string>();
            Assert.False(Path.IsPathRooted(path), $"{service}: {path}");
            var project = Path.GetFullPath(Path.Combine(manifest.Directory, path));
            Assert.True(File.Exists(project), $"{service}: {project}");
            Assert.StartsWith(Path.Combine(manifest.RepositoryRoot, "services") + Path.DirectorySeparatorChar, project);
        }
        foreach (var server in Servers) Assert.Matches("^container\\.v[01]$", manifest.Type(server));
        foreach (var database in Databases)
        {
            Assert.Equal("value.v0", manifest.Type(database));
            Assert.Equal($"{{postgres.connectionString}};Database={database}", manifest.Resource(database)["connectionString"]!.GetValue<string>());
        }
        foreach (var parameter in SecretParameters)
        {
            Assert.Equal("parameter.v0", manifest.Type(parameter));
            var input = manifest.Resource(parameter)["inputs"]!["value"]!;
            Assert.True(input["secret"]?.GetValue<bool>(), $"{parameter} is not secret");
            Assert.Null(input["default"]);
        }

        // Nothing else: no executable (the servers' helpers postgres-init and messaging-epmd stay out) and no
        // resource of a kind a deployment could not take.
        var unexpected = manifest.Resources.Where(r => r.Value!["type"]!.GetValue<string>() is not
            ("project.v0" or "project.v1" or "container.v0" or "container.v1" or "value.v0" or "parameter.v0"));
        Assert.Empty(unexpected.Select(r => $"{r.Key}: {r.Value!["type"]}"));
        Assert.DoesNotContain(manifest.Resources, r => r.Key.EndsWith("-init") || r.Key.EndsWith("-epmd"));
    }

    [Fact]
    public void The_servers_are_containers_of_the_official_images_with_their_ports_passwords_and_volumes()
    {
        var postgres = manifest.Resource("postgres");
        Assert.Equal("docker.io/library/postgres:15", postgres["image"]!.GetValue<string>());
        Assert.Equal(5432, TargetPort(postgres, "tcp"));
        Assert.Equal("Host={postgres.bindings.tcp.host};Port={postgres.bindings.tcp.port};Username=postgres;Password={postgres-password.value}",
            postgres["connectionString"]!.GetValue<string>());
        Assert.Equal("postgres", Env(postgres, "POSTGRES_USER"));
        Assert.Equal("{postgres-password.value}", Env(postgres, "POSTGRES_PASSWORD"));
        Assert.Contains(postgres["volumes"]!.AsArray(), v => v!["target"]!.GetValue<string>() == "/var/lib/postgresql/data");
        // The container creates the databases the services use when it initialises its volume.
        var args = string.Join('\n', postgres["args"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Contains("/docker-entrypoint-initdb.d/", args);
        foreach (var database in Databases) Assert.Matches($"\\b{database}\\b", args);

        var cache = manifest.Resource("cache");
        Assert.Equal("docker.io/library/redis:7", cache["image"]!.GetValue<string>());
        Assert.Equal(6379, TargetPort(cache, "tcp"));
        Assert.Equal("{cache.bindings.tcp.host}:{cache.bindings.tcp.port},password={cache-password.value}", cache["connectionString"]!.GetValue<string>());
        Assert.Equal("{cache-password.value}", Env(cache, "REDIS_PASSWORD"));
        Assert.Contains("--requirepass \"$REDIS_PASSWORD\"", string.Join(' ', cache["args"]!.AsArray().Select(a => a!.GetValue<string>())));
        Assert.Contains(cache["volumes"]!.AsArray(), v => v!["target"]!.GetValue<string>() == "/data");

        var messaging = manifest.Resource("messaging");
        Assert.Equal("docker.io/library/rabbitmq:3-management", messaging["image"]!.GetValue<string>());
        Assert.Equal(5672, TargetPort(messaging, "tcp"));
        Assert.Equal(15672, TargetPort(messaging, "management"));
        Assert.Equal("amqp://guest:{messaging-password.value}@{messaging.bindings.tcp.host}:{messaging.bindings.tcp.port}",
            messaging["connectionString"]!.GetValue<string>());
        Assert.Equal("guest", Env(messaging, "RABBITMQ_DEFAULT_USER"));
        Assert.Equal("{messaging-password.value}", Env(messaging, "RABBITMQ_DEFAULT_PASS"));
        Assert.Contains(messaging["volumes"]!.AsArray(), v => v!["target"]!.GetValue<string>() == "/var/lib/rabbitmq");
    }

    [Theory]
    [InlineData("region-directory", "directorydb,cache,messaging", "")]
    [InlineData("complaints", "complaintsdb,cache,messaging", "region-directory")]
    [InlineData("notifications", "notificationsdb,cache,messaging", "region-directory")]
    [InlineData("reporting", "cache,messaging", "region-directory,complaints")]
    public void Each_service_gets_the_connection_strings_and_service_urls_of_what_Program_cs_references(
        string service, string connectionStrings, string referencedServices)
    {
        var env = manifest.Resource(service)["env"]!.AsObject();

        var expected = connectionStrings.Split(',');
        Assert.Equal(expected.Order(), env.Where(e => e.Key.StartsWith("ConnectionStrings__")).Select(e => e.Key["ConnectionStrings__".Length..]).Order());
        foreach (var name in expected) Assert.Equal($"{{{name}.connectionString}}", env["ConnectionStrings__" + name]!.GetValue<string>());

        var services = referencedServices.Split(',', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(services.Order(), env.Select(e => Regex.Match(e.Key, "^services__(.+)__[^_]+__0$"))
            .Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct().Order());
        foreach (var name in services)
        {
            Assert.Equal($"{{{name}.bindings.grpc.url}}", env[$"services__{name}__grpc__0"]?.GetValue<string>());
            Assert.Equal($"{{{name}.bindings.http.url}}", env[$"services__{name}__http__0"]?.GetValue<string>());
        }
        Assert.NotNull(manifest.Resource(service)["bindings"]?["http"]);
        Assert.NotNull(manifest.Resource(service)["bindings"]?["grpc"]);
    }

    [Fact]
    public void The_services_get_their_secrets_as_parameters()
    {
        Assert.Equal("{region-directory-admin-secret.value}", Env(manifest.Resource("region-directory"), "RegionDirectory__BootstrapAdmin__Secret"));
        Assert.Equal("{notifications-directory-secret.value}", Env(manifest.Resource("region-directory"), "RegionDirectory__NotificationsClient__Secret"));
        Assert.Equal("{notifications-directory-secret.value}", Env(manifest.Resource("notifications"), "Notifications__Directory__ClientSecret"));
        Assert.Equal("{complaints-identity-key-k1.value}", Env(manifest.Resource("complaints"), "Complaints__IdentityKeys__k1"));
        Assert.Equal("k1", Env(manifest.Resource("complaints"), "Complaints__CurrentIdentityKeyId"));
        // The development mail pickup folder is a folder of this machine: not part of a deployment.
        Assert.Null(manifest.Resource("notifications")["env"]!["Notifications__Email__PickupDirectory"]);
    }

    [Fact]
    public void Every_reference_in_the_manifest_names_a_resource_and_a_binding_it_has()
    {
        var references = manifest.Strings().SelectMany(s => Regex.Matches(s.Value, @"\{([^{}.]+)\.([^{}]+)\}")).ToList();
        Assert.NotEmpty(references);
        var broken = new List<string>();
        foreach (var reference in references)
        {
            var (name, member) = (reference.Groups[1].Value, reference.Groups[2].Value);
            var resource = manifest.Resources[name];
            var resolves = resource is not null && member.Split('.') switch
            {
                ["connectionString"] => resource["connectionString"] is not null,
                ["value"] => resource["value"] is not null,
                ["inputs", var input] => resource["inputs"]?[input] is not null,
                ["bindings", var binding, "host" or "port" or "targetPort" or "url" or "scheme"] => resource["bindings"]?[binding] is not null,
                _ => false,
            };
            if (!resolves) broken.Add(reference.Value);
        }
        Assert.Empty(broken.Distinct());
    }

    [Fact]
    public void Nothing_in_the_manifest_is_a_path_of_this_machine()
    {
        string[] forbidden =
        [
            "/usr/", "/bin/", "/work/", "/tmp/", "/root/", "/home/", "/var/lib/oversight", "setpriv", ".oversight",
            manifest.RepositoryRoot, Path.GetTempPath(),
        ];
        // A project's path is relative to the manifest file (checked above); where the manifest is written decides it.
        var found = manifest.Strings()
            .Where(s => !(s.Path.EndsWith(".path") && manifest.Type(s.Path.Split('.')[0]).StartsWith("project.")))
            .SelectMany(s => forbidden.Where(f => s.Value.Contains(f, StringComparison.Ordinal)).Select(f => $"{s.Path}: '{f}' in {s.Value}"))
            .ToList();
        Assert.Empty(found);
        Assert.DoesNotContain(manifest.Resources, r => r.Value!["type"]!.GetValue<string>().StartsWith("executable."));
    }

    private static int? TargetPort(JsonNode resource, string binding) => resource["bindings"]?[binding]?["targetPort"]?.GetValue<int>();

    private static string? Env(JsonNode resource, string name) => resource["env"]?[name]?.GetValue<string>();
}

/// <summary>The manifest the AppHost's build output writes with <c>--publisher manifest</c> into a temporary folder.</summary>
public class PublishedManifest : IAsyncLifetime
{
    public string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The AppHost's own options for this manifest (none: the default system).</summary>
    protected virtual string[] Arguments => [];

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "oversight-manifest-" + Guid.NewGuid().ToString("N")[..8]);

    public JsonObject Resources { get; private set; } = [];

    public JsonNode Resource(string name) => Resources[name] ?? throw new Xunit.Sdk.XunitException($"'{name}' is not in the manifest");

    public string Type(string name) => Resource(name)["type"]!.GetValue<string>();

    /// <summary>Every string in the manifest with its place (<c>postgres.env.POSTGRES_USER</c>).</summary>
    public IEnumerable<(string Path, string Value)> Strings() => Walk("", Resources);

    public async ValueTask InitializeAsync()
    {
        // The AppHost the tests' build built, in the same configuration.
        var configuration = typeof(PublishedManifest).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var appHost = Path.Combine(RepositoryRoot, "AppHost", "Oversight.AppHost", "bin", configuration, "net10.0", "Oversight.AppHost.dll");
        Assert.True(File.Exists(appHost), $"{appHost} is missing: build the AppHost first");
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, "aspire-manifest.json");

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { appHost, "--publisher", "manifest", "--output-path", path },
            WorkingDirectory = Directory,
        };
        foreach (var argument in Arguments) start.ArgumentList.Add(argument);
        var run = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(3));
        if (run.TimedOut) throw new TimeoutException($"the AppHost did not write its manifest in 3 minutes:\n{run.Output}\n{run.Errors}");
        Assert.True(run.ExitCode == 0 && File.Exists(path), $"the AppHost exited with {run.ExitCode}:\n{run.Output}\n{run.Errors}");
        Resources = JsonNode.Parse(await File.ReadAllTextAsync(path))!["resources"]!.AsObject();
    }

    public ValueTask DisposeAsync()
    {
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static IEnumerable<(string Path, string Value)> Walk(string path, JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Walk(path.Length == 0 ? p.Key : $"{path}.{p.Key}", p.Value)),
        JsonArray a => a.SelectMany((item, i) => Walk($"{path}[{i}]", item)),
        JsonValue v when v.TryGetValue<string>(out var s) => [(path, s)],
        _ => [],
    };

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Oversight.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"no Oversight.sln above {AppContext.BaseDirectory}");
    }
}

/// <summary>The manifest of the AppHost started with a regional site (<c>--site 52</c>).</summary>
public sealed class PublishedSiteManifest : PublishedManifest
{
    protected override string[] Arguments => ["--site", "52"];
}

/// <summary>
/// A regional site in the deployment model: its servers as containers, its databases on its own server, its copy of the
/// directory serving its complaints service, which takes only its province while the centre's takes every other, and
/// the shovels' passwords secrets the deployment supplies.
/// </summary>
public sealed partial class SiteManifestTests(PublishedSiteManifest manifest) : IClassFixture<PublishedSiteManifest>
{
    [Fact]
    public void The_site_is_in_the_manifest_with_its_servers_database_service_and_secrets()
    {
        foreach (var server in new[] { "site-52-postgres", "site-52-cache", "site-52-messaging" }) Assert.Matches("^container\\.v[01]$", manifest.Type(server));
        Assert.Equal("{site-52-postgres.connectionString};Database=complaintsdb", manifest.Resource("site-52-complaintsdb")["connectionString"]!.GetValue<string>());
        Assert.Matches("^project\\.v[01]$", manifest.Type("site-52-complaints"));
        Assert.Equal("52", manifest.Resource("site-52-complaints")["env"]!["Complaints__Sites__Province"]!.GetValue<string>());
        Assert.Equal("{site-52-complaintsdb.connectionString}", manifest.Resource("site-52-complaints")["env"]!["ConnectionStrings__complaintsdb"]!.GetValue<string>());
        Assert.Equal("52", manifest.Resource("complaints")["env"]!["Complaints__Sites__Elsewhere"]!.GetValue<string>());
        var copy = manifest.Resource("site-52-region-directory")["env"]!;
        Assert.Equal("52", copy["RegionDirectory__Copy__Site"]!.GetValue<string>());
        Assert.Equal("{site-52-directorydb.connectionString}", copy["ConnectionStrings__directorydb"]!.GetValue<string>());
        // The site's complaints service finds the site's copy under the directory's usual name, not the centre's.
        Assert.Equal("{site-52-region-directory.bindings.grpc.url}", manifest.Resource("site-52-complaints")["env"]!["services__region-directory__grpc__0"]!.GetValue<string>());
        foreach (var secret in new[] { "site-52-postgres-password", "site-52-messaging-password", "messaging-site-52-to-centre-password",
            "site-52-messaging-centre-to-site-52-password" })
        {
            Assert.True(manifest.Resource(secret)["inputs"]!["value"]!["secret"]?.GetValue<bool>(), $"{secret} is not secret");
        }
    }
}
