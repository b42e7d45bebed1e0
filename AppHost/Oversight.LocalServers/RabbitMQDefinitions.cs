using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>
/// What a node declares at every boot, as a RabbitMQ definitions file (<c>load_definitions</c>): the services' user
/// (<see cref="RabbitMQServerResource.UserName"/>, administrator, every permission), the users added with
/// <c>WithUser</c>, and the node's <see cref="RabbitMQTopology"/>. Run mode writes each password as the salted SHA-256
/// hash RabbitMQ stores, so no password is written down; a deployment's container writes the same definitions from its
/// environment (<see cref="RabbitMQContainerDefinitions"/>).
/// </summary>
internal static class RabbitMQDefinitions
{
    private const string VirtualHost = "/";

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, "definitions.json");

    /// <summary>Run mode: the definitions file in the node's data folder, with password hashes and the shovels' addresses.</summary>
    public static async Task WriteAsync(RabbitMQServerResource rabbit, string dataDirectory, CancellationToken cancellationToken)
    {
        var passwords = new Dictionary<ParameterResource, string>();
        foreach (var parameter in rabbit.Users.Select(u => u.Password).Append(rabbit.PasswordParameter)
            .Concat(rabbit.Topology.Shovels.Select(s => s.User.Password)))
        {
            passwords[parameter] = await PasswordAsync(parameter, cancellationToken);
        }
        var addresses = new Dictionary<RabbitMQShovel, string>();
        foreach (var shovel in rabbit.Topology.Shovels)
        {
            addresses[shovel] = (await shovel.Destination.PrimaryEndpoint.Property(EndpointProperty.HostAndPort).GetValueAsync(cancellationToken))!;
        }
        var definitions = Build(rabbit,
            (name, password, tags) => new { name, password_hash = Hash(passwords[password]), hashing_algorithm = "rabbit_password_hashing_sha256", tags },
            shovel => $"amqp://{Uri.EscapeDataString(shovel.User.Name)}:{Uri.EscapeDataString(passwords[shovel.User.Password])}@{addresses[shovel]}");

        Directory.CreateDirectory(dataDirectory);
        var path = PathIn(dataDirectory);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(definitions), cancellationToken);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>
    /// The node's users, permissions, exchanges, queues, bindings and shovels, as RabbitMQ's definitions, the same in
    /// both modes but for how a user's password and a shovel's address (which holds a password) are written.
    /// </summary>
    internal static object Build(RabbitMQServerResource rabbit, Func<string, ParameterResource, string, object> user,
        Func<RabbitMQShovel, string> shovelDestination)
    {
        var users = new List<object> { user(RabbitMQServerResource.UserName, rabbit.PasswordParameter, "administrator") };
        var permissions = new List<object> { Permission(RabbitMQServerResource.UserName, ".*", ".*", ".*") };
        foreach (var added in rabbit.Users)
        {
            users.Add(user(added.Name, added.Password, ""));
            permissions.Add(Permission(added.Name, added.Configure, added.Write, added.Read));
        }
        var topology = rabbit.Topology;
        var exchanges = topology.Exchanges.Select(e => new { name = e.Name, vhost = VirtualHost, type = e.Type, durable = true, auto_delete = false, @internal = false, arguments = new { } });
        var queues = topology.Queues.Select(queue => new
        {
            name = queue.Name, vhost = VirtualHost, durable = true, auto_delete = false,
            arguments = queue.SingleActiveConsumer ? new Dictionary<string, object> { ["x-single-active-consumer"] = true } : [],
        });
        var bindings = topology.Bindings.Select(b => new
        {
            source = b.Source, vhost = VirtualHost, destination = b.Destination, destination_type = b.DestinationType, routing_key = "",
            arguments = b.Arguments,
        });
        var parameters = topology.Shovels.Select(shovel => Shovel(shovel, shovelDestination(shovel)));
        return new { users, vhosts = new[] { new { name = VirtualHost } }, permissions, exchanges, queues, bindings, parameters };
    }

    /// <summary>RabbitMQ's <c>rabbit_password_hashing_sha256</c>: base64(salt ++ SHA-256(salt ++ password)), 4-byte salt.</summary>
    public static string Hash(string password, byte[]? salt = null)
    {
        salt ??= RandomNumberGenerator.GetBytes(4);
        var digest = SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(password)]);
        return Convert.ToBase64String([.. salt, .. digest]);
    }

    /// <summary>
    /// A dynamic shovel (RabbitMQ's store-and-forward): moves what reaches a queue of this node to an exchange of another
    /// node, removing each message only once the other confirmed it (<c>on-confirm</c>), reconnecting every 5 s while the
    /// other cannot be reached; meanwhile the queue keeps the messages, in order.
    /// </summary>
    private static object Shovel(RabbitMQShovel shovel, string destinationUri) => new
    {
        vhost = VirtualHost,
        component = "shovel",
        name = shovel.Name,
        value = new Dictionary<string, object>
        {
            ["src-protocol"] = "amqp091",
            ["src-uri"] = "amqp://",
            ["src-queue"] = shovel.SourceQueue,
            ["dest-protocol"] = "amqp091",
            ["dest-uri"] = destinationUri,
            ["dest-exchange"] = shovel.DestinationExchange,
            ["ack-mode"] = "on-confirm",
            ["src-delete-after"] = "never",
            ["reconnect-delay"] = 5,
        },
    };

    private static async Task<string> PasswordAsync(ParameterResource parameter, CancellationToken cancellationToken) =>
        await parameter.GetValueAsync(cancellationToken) ?? throw new InvalidOperationException($"The parameter {parameter.Name} has no value.");

    private static object Permission(string user, string configure, string write, string read) =>
        new { user, vhost = VirtualHost, configure, write, read };
}
