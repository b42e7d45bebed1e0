using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Oversight.Contracts;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.PrivateMessages;
using Oversight.Testing;

namespace Oversight.IntegrationTests.AppHost;

/// <summary>
/// The site's link in the deployment model: each broker's container writes, at every start, the definitions the local
/// node imports (users, queues, bindings, shovels) and turns its plugins on, from the manifest's environment. The test
/// runs the container's start script as the image would, with the deployment's values filled in, and reads what it wrote.
/// </summary>
public sealed partial class SiteManifestTests
{
    // Values a deployment might give, with the characters a JSON string must escape.
    private static readonly Dictionary<string, string> Secrets = new()
    {
        ["site-52-messaging-password"] = "site\"admin\\pw'1",
        ["site-52-messaging-centre-to-site-52-password"] = "centre-to-site-pw",
        ["messaging-password"] = "centre-admin-pw",
        ["messaging-integrator-password"] = "integrator-pw",
        ["messaging-site-52-to-centre-password"] = "site-to-centre-pw",
    };

    [Fact]
    public void The_site_broker_links_to_the_centre_with_its_own_user_and_the_passwords_stay_parameters()
    {
        var site = manifest.Resource("site-52-messaging");
        Assert.Equal("amqp://site-52-to-centre:{messaging-site-52-to-centre-password.value}@{messaging.bindings.tcp.host}:{messaging.bindings.tcp.port}",
            site["env"]!["RABBITMQ_SHOVEL_SITE_52_TO_CENTRE_URI"]!.GetValue<string>());
        Assert.Equal("{site-52-messaging-centre-to-site-52-password.value}", site["env"]!["RABBITMQ_PASSWORD_CENTRE_TO_SITE_52"]!.GetValue<string>());
        Assert.Equal("rabbitmq_management,rabbitmq_shovel,rabbitmq_shovel_management", site["env"]!["RABBITMQ_PLUGINS"]!.GetValue<string>());
        // The script travels encoded: no brace of its JSON may read as a manifest expression.
        Assert.DoesNotContain('{', site["args"]![1]!.GetValue<string>());
    }

    [Fact]
    public async Task The_site_broker_writes_its_users_queues_bindings_and_shovel_at_start()
    {
        var written = await StartAsync("site-52-messaging");

        Assert.Equal(new Dictionary<string, string> { ["guest"] = Secrets["site-52-messaging-password"], ["centre-to-site-52"] = "centre-to-site-pw" },
            written.Definitions["users"]!.AsArray().ToDictionary(u => u!["name"]!.GetValue<string>(), u => u!["password"]!.GetValue<string>()));
        var centreUser = written.Definitions["permissions"]!.AsArray().Single(p => p!["user"]!.GetValue<string>() == "centre-to-site-52")!;
        Assert.Equal(("^$", "^oversight\\.private\\.directory-snapshot$", "^$"),
            (centreUser["configure"]!.GetValue<string>(), centreUser["write"]!.GetValue<string>(), centreUser["read"]!.GetValue<string>()));

        var queues = written.Definitions["queues"]!.AsArray().Select(q => q!["name"]!.GetValue<string>()).ToList();
        Assert.Contains(SiteLink.OutboundQueue, queues);
        Assert.Contains(SiteLink.DirectoryCopyQueue, queues);
        // The shovel's source: one consumer at a time, so a restarted shovel keeps the queue's order.
        var outbound = written.Definitions["queues"]!.AsArray().Single(q => q!["name"]!.GetValue<string>() == SiteLink.OutboundQueue)!;
        Assert.True(outbound["arguments"]!["x-single-active-consumer"]!.GetValue<bool>());
        var bindings = written.Definitions["bindings"]!.AsArray().Select(b => (b!["source"]!.GetValue<string>(), b["destination"]!.GetValue<string>())).ToList();
        Assert.Contains((DirectorySnapshot.ExchangeName, SiteLink.DirectoryCopyQueue), bindings);
        Assert.Contains((IntegrationEventTypes.ExchangeOf<ComplaintSubmitted>(), SiteLink.OutboundQueue), bindings);

        var shovel = written.Definitions["parameters"]!.AsArray().Single()!;
        Assert.Equal("site-52-to-centre", shovel["name"]!.GetValue<string>());
        Assert.Equal(SiteLink.OutboundQueue, shovel["value"]!["src-queue"]!.GetValue<string>());
        Assert.Equal(SiteLink.InboundExchange, shovel["value"]!["dest-exchange"]!.GetValue<string>());
        Assert.Equal("amqp://site-52-to-centre:site-to-centre-pw@messaging-broker:5672", shovel["value"]!["dest-uri"]!.GetValue<string>());
        Assert.Equal("on-confirm", shovel["value"]!["ack-mode"]!.GetValue<string>());

        Assert.Equal("[rabbitmq_management,rabbitmq_shovel,rabbitmq_shovel_management].", written.Plugins);
        Assert.Equal($"load_definitions = {written.Directory}/definitions.json", written.Configuration);
        Assert.Equal("rabbitmq-server", written.EntrypointArguments);
    }

    [Fact]
    public async Task The_centre_broker_writes_a_queue_and_a_shovel_per_site_and_its_users()
    {
        var written = await StartAsync("messaging");

        // The site's shovel signs in as a user of its own; integrators (docs/events.md) too.
        Assert.Equal(new Dictionary<string, string>
            {
                ["guest"] = "centre-admin-pw", ["integrator"] = "integrator-pw", ["site-52-to-centre"] = "site-to-centre-pw",
            },
            written.Definitions["users"]!.AsArray().ToDictionary(u => u!["name"]!.GetValue<string>(), u => u!["password"]!.GetValue<string>()));
        Assert.Contains(SiteLink.SnapshotsQueueFor("52"), written.Definitions["queues"]!.AsArray().Select(q => q!["name"]!.GetValue<string>()));
        var shovel = Assert.Single(written.Definitions["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "centre-to-site-52")!;
        Assert.Equal("amqp://centre-to-site-52:centre-to-site-pw@site-52-messaging-broker:5672", shovel["value"]!["dest-uri"]!.GetValue<string>());
        Assert.Equal(DirectorySnapshot.ExchangeName, shovel["value"]!["dest-exchange"]!.GetValue<string>());
    }

    private sealed record WrittenAtStart(string Directory, JsonNode Definitions, string Plugins, string Configuration, string EntrypointArguments);

    /// <summary>
    /// Runs the broker's container command (<c>sh -c …</c>) with its manifest environment, the deployment's values filled
    /// in (each broker's host is "{name}-broker", port 5672), its configuration folder a temporary one, and the image's
    /// entrypoint a stand-in that records how it was called.
    /// </summary>
    private async Task<WrittenAtStart> StartAsync(string broker)
    {
        var resource = manifest.Resource(broker);
        var directory = Path.Combine(manifest.Directory, broker + "-etc");
        var bin = Path.Combine(manifest.Directory, broker + "-bin");
        System.IO.Directory.CreateDirectory(bin);
        var entrypoint = Path.Combine(bin, "docker-entrypoint.sh");
        await File.WriteAllTextAsync(entrypoint, "#!/bin/sh\nprintf '%s' \"$*\" > \"$RABBITMQ_ETC/entrypoint-arguments\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(entrypoint, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var start = new ProcessStartInfo(resource["entrypoint"]!.GetValue<string>());
        foreach (var argument in resource["args"]!.AsArray()) start.ArgumentList.Add(argument!.GetValue<string>());
        foreach (var (name, value) in resource["env"]!.AsObject()) start.Environment[name] = Deployed(value!.GetValue<string>());
        start.Environment["RABBITMQ_ETC"] = directory;
        start.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        var run = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(30));
        Assert.True(run.ExitCode == 0, $"the start script failed (exit {run.ExitCode}): {run.Errors}");

        var definitions = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "definitions.json")))!;
        return new WrittenAtStart(directory, definitions,
            (await File.ReadAllTextAsync(Path.Combine(directory, "enabled_plugins"))).Trim(),
            (await File.ReadAllTextAsync(Path.Combine(directory, "conf.d", "90-oversight-definitions.conf"))).Trim(),
            await File.ReadAllTextAsync(Path.Combine(directory, "entrypoint-arguments")));
    }

    /// <summary>A manifest value as a deployment resolves it: parameters from <see cref="Secrets"/>, endpoints by name.</summary>
    private static string Deployed(string value) => ManifestExpression().Replace(value, match => match.Groups[2].Value switch
    {
        "value" => Secrets[match.Groups[1].Value],
        "bindings.tcp.host" => match.Groups[1].Value + "-broker",
        "bindings.tcp.port" => "5672",
        var other => throw new InvalidOperationException($"no deployment value for {match.Value} ({other})"),
    });

    [GeneratedRegex(@"\{([a-z0-9-]+)\.([a-z.]+)\}")]
    private static partial Regex ManifestExpression();
}
