using System.Text.Json;
using Microsoft.Extensions.Options;
using Oversight.Notifications.Model.Deliveries;
using Oversight.Notifications.Model.Email;

namespace Oversight.Notifications.Infrastructure.Email;

/// <summary>Sends a stored e-mail delivery through the configured transport.</summary>
public sealed class EmailDeliverySender(IEmailTransport transport, IOptions<EmailOptions> options)
{
    public Task<string> SendAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        var content = JsonSerializer.Deserialize<EmailContent>(delivery.Payload)
            ?? throw new InvalidDataException($"delivery {delivery.Id} has no e-mail content");
        return transport.SendAsync(EmailMessages.Build(content, options.Value, delivery.EventId, delivery.Id), cancellationToken);
    }
}
