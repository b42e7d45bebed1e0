namespace Oversight.AppHost;

/// <summary>
/// The RabbitMQ user integrators connect as (docs/events.md, "Connecting"): it may declare and consume its own queues,
/// named <c>integrator.*</c> (durable, to keep events while it is away) or server-named (<c>amq.gen-*</c>), and bind
/// them only to the integration-event exchanges. The private exchanges (<c>oversight.private.*</c>, personal data) and
/// the services' own queues are out of its reach; the services keep their own user.
/// </summary>
internal static class IntegratorMessaging
{
    public const string UserName = "integrator";

    // RabbitMQ checks configure on declare/delete, write on the queue a binding targets, read on the exchange a
    // binding reads from and on the queue consumed.
    private const string OwnQueues = @"^(integrator\..*|amq\.gen.*)$";
    private const string IntegrationExchangesAndOwnQueues = @"^(Oversight\.Contracts\.IntegrationEvents:.*|integrator\..*|amq\.gen.*)$";

    public static IResourceBuilder<RabbitMQServerResource> WithIntegratorUser(this IResourceBuilder<RabbitMQServerResource> messaging) =>
        messaging.WithUser(UserName, configure: OwnQueues, write: OwnQueues, read: IntegrationExchangesAndOwnQueues);
}
