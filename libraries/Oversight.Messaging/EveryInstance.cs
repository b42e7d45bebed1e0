using MassTransit;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A consumer every instance of a service must run for each message, such as one that drops an in-memory cache: on a
/// temporary queue of the process's own (deleted when it stops), instead of the service's shared queue, on which
/// replicas take turns (docs/architecture.md, "Replicas").
/// </summary>
public static class EveryInstance
{
    public static void OnQueueOfItsOwn(IEndpointRegistrationConfigurator endpoint)
    {
        endpoint.Temporary = true;
        endpoint.InstanceId = "-" + Guid.NewGuid().ToString("N")[..8];
    }
}
