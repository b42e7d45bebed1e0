using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>An exchange a node declares at boot: durable, of a type (fanout, headers, ...).</summary>
public sealed record RabbitMQExchange(string Name, string Type);

/// <summary>
/// A durable queue declared at boot. With <see cref="SingleActiveConsumer"/> the node lets one consumer at a time take
/// from it (<c>x-single-active-consumer</c>): the next starts only once the one before is gone and what it held is back
/// in the queue, in order.
/// </summary>
public sealed record RabbitMQQueue(string Name, bool SingleActiveConsumer);

/// <summary>A binding declared at boot, from an exchange to a queue or an exchange, with its arguments (headers exchanges).</summary>
public sealed record RabbitMQBinding(string Source, string Destination, string DestinationType, IReadOnlyDictionary<string, string> Arguments);

/// <summary>A shovel from a queue of this node to an exchange of <see cref="Destination"/>, signing in there as <see cref="User"/>.</summary>
public sealed record RabbitMQShovel(string Name, string SourceQueue, RabbitMQServerResource Destination, RabbitMQUser User, string DestinationExchange);

/// <summary>What a node declares at every boot (its definitions file), so that nothing published early is dropped unrouted.</summary>
public sealed class RabbitMQTopology
{
    public List<RabbitMQExchange> Exchanges { get; } = [];

    public List<RabbitMQQueue> Queues { get; } = [];

    public List<RabbitMQBinding> Bindings { get; } = [];

    public List<RabbitMQShovel> Shovels { get; } = [];
}

public static class RabbitMQTopologyExtensions
{
    public static IResourceBuilder<RabbitMQServerResource> WithExchange(this IResourceBuilder<RabbitMQServerResource> rabbit, string name, string type)
    {
        if (!rabbit.Resource.Topology.Exchanges.Any(e => e.Name == name)) rabbit.Resource.Topology.Exchanges.Add(new RabbitMQExchange(name, type));
        return rabbit;
    }

    public static IResourceBuilder<RabbitMQServerResource> WithQueue(this IResourceBuilder<RabbitMQServerResource> rabbit, string name,
        bool singleActiveConsumer = false)
    {
        var queues = rabbit.Resource.Topology.Queues;
        var declared = queues.FindIndex(q => q.Name == name);
        if (declared < 0) queues.Add(new RabbitMQQueue(name, singleActiveConsumer));
        else if (singleActiveConsumer) queues[declared] = queues[declared] with { SingleActiveConsumer = true };
        return rabbit;
    }

    /// <param name="destinationType"><c>queue</c> or <c>exchange</c>.</param>
    public static IResourceBuilder<RabbitMQServerResource> WithBinding(this IResourceBuilder<RabbitMQServerResource> rabbit,
        string source, string destination, string destinationType, IReadOnlyDictionary<string, string>? arguments = null)
    {
        rabbit.Resource.Topology.Bindings.Add(new RabbitMQBinding(source, destination, destinationType, arguments ?? new Dictionary<string, string>()));
        return rabbit;
    }

    /// <summary>
    /// Forwards what reaches <paramref name="sourceQueue"/> of this node to <paramref name="destinationExchange"/> of
    /// <paramref name="destination"/> (the shovel plugin), signing in there as a user of its own (<c>{shovel name}</c>) that
    /// may only publish to that exchange.
    /// </summary>
    public static IResourceBuilder<RabbitMQServerResource> WithShovel(this IResourceBuilder<RabbitMQServerResource> rabbit, string name,
        string sourceQueue, IResourceBuilder<RabbitMQServerResource> destination, string destinationExchange)
    {
        var exchange = "^" + System.Text.RegularExpressions.Regex.Escape(destinationExchange) + "$";
        destination.WithUser(name, configure: "^$", write: exchange, read: "^$");
        var user = destination.Resource.Users.Single(u => u.Name == name);
        rabbit.Resource.Plugins.Add("rabbitmq_shovel");
        // Admin > Shovel Status in the management UI.
        rabbit.Resource.Plugins.Add("rabbitmq_shovel_management");
        // A shovel's worker restarts after every failure (a cut link: every 5 s). A new worker consuming while the old
        // one's unconfirmed messages are not yet back in the queue would forward later messages before them; one active
        // consumer at a time keeps the queue's order across restarts.
        rabbit.WithQueue(sourceQueue, singleActiveConsumer: true);
        rabbit.Resource.Topology.Shovels.Add(new RabbitMQShovel(name, sourceQueue, destination.Resource, user, destinationExchange));
        return rabbit;
    }
}
