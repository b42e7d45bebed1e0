using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>
/// The node's users as a RabbitMQ definitions file, imported at every boot (<c>load_definitions</c>): the services'
/// user (<see cref="RabbitMQServerResource.UserName"/>, administrator, every permission) and the users added with
/// <c>WithUser</c>, each with a salted SHA-256 password hash as RabbitMQ stores them, so no password is written down.
/// </summary>
internal static class RabbitMQDefinitions
{
    private const string VirtualHost = "/";

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, "definitions.json");

    public static async Task WriteAsync(RabbitMQServerResource rabbit, string dataDirectory, CancellationToken cancellationToken)
    {
        var users = new List<object>
        {
            User(RabbitMQServerResource.UserName, await PasswordAsync(rabbit.PasswordParameter, cancellationToken), "administrator"),
        };
        var permissions = new List<object> { Permission(RabbitMQServerResource.UserName, ".*", ".*", ".*") };
        foreach (var user in rabbit.Users)
        {
            users.Add(User(user.Name, await PasswordAsync(user.Password, cancellationToken), ""));
            permissions.Add(Permission(user.Name, user.Configure, user.Write, user.Read));
        }
        var topology = rabbit.Topology;
        var exchanges = topology.Exchanges.Select(e => new { name = e.Name, vhost = VirtualHost, type = e.Type, durable = true, auto_delete = false, @internal = false, arguments = new { } });
        var queues = topology.Queues.Select(name => new { name, vhost = VirtualHost, durable = true, auto_delete = false, arguments = new { } });
        var bindings = topology.Bindings.Select(b => new
        {
            source = b.Source, vhost = VirtualHost, destination = b.Destination, destination_type = b.DestinationType, routing_key = "",
            arguments = b.Arguments,
        });
        var parameters = new List<object>();
        foreach (var shovel in topology.Shovels) parameters.Add(await ShovelAsync(shovel, cancellationToken));
        var definitions = new { users, vhosts = new[] { new { name = VirtualHost } }, permissions, exchanges, queues, bindings, parameters };

        Directory.CreateDirectory(dataDirectory);
        var path = PathIn(dataDirectory);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(definitions), cancellationToken);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
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
    private static async Task<object> ShovelAsync(RabbitMQShovel shovel, CancellationToken cancellationToken)
    {
        var password = Uri.EscapeDataString(await PasswordAsync(shovel.User.Password, cancellationToken));
        var address = await shovel.Destination.PrimaryEndpoint.Property(EndpointProperty.HostAndPort).GetValueAsync(cancellationToken);
        return new
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
                ["dest-uri"] = $"amqp://{Uri.EscapeDataString(shovel.User.Name)}:{password}@{address}",
                ["dest-exchange"] = shovel.DestinationExchange,
                ["ack-mode"] = "on-confirm",
                ["src-delete-after"] = "never",
                ["reconnect-delay"] = 5,
            },
        };
    }

    private static async Task<string> PasswordAsync(ParameterResource parameter, CancellationToken cancellationToken) =>
        await parameter.GetValueAsync(cancellationToken) ?? throw new InvalidOperationException($"The parameter {parameter.Name} has no value.");

    private static object User(string name, string password, string tags) => new
    {
        name,
        password_hash = Hash(password),
        hashing_algorithm = "rabbit_password_hashing_sha256",
        tags,
    };

    private static object Permission(string user, string configure, string write, string read) =>
        new { user, vhost = VirtualHost, configure, write, read };
}
