using System.Text;
using System.Text.Json;
using Grpc.Core;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.Notifications;
using Oversight.Contracts.OfficeCredentials;
using Oversight.Testing;
using RabbitMQ.Client;
using static Oversight.Contracts.Notifications.Notifications;

namespace Oversight.IntegrationTests.Notifications;

[CollectionDefinition(Name)]
public sealed class NotificationsCollection : ICollectionFixture<NotificationsFixture>
{
    public const string Name = "Notifications";
}

/// <summary>
/// The directory, complaints and notifications services, with notifications sending e-mail to a real SMTP listener on
/// loopback, allowed to call the loopback webhook receiver, and retrying fast (3 attempts, 200 ms base delay).
/// </summary>
public sealed class NotificationsFixture(TestServers servers) : IAsyncLifetime
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public SmtpTestListener Smtp { get; } = new();

    public WebhookTestReceiver Webhooks { get; } = new();

    public TestSystem System { get; private set; } = null!;

    public NotificationsClient Client => new(System.Channel(TestSystem.Notifications));

    public async ValueTask InitializeAsync() =>
        System = await TestSystem.StartWithNotificationSettingsAsync(servers,
            new Dictionary<string, string>(TestSystem.QuickNotificationSettings(Smtp.Port))
            {
                // The test receivers listen on loopback.
                ["Notifications__Webhooks__AllowPrivateAddresses"] = "true",
                // The lines per event and per delivery are Debug since issue 19; the privacy tests read them for addresses.
                ["Logging__LogLevel__Oversight.Notifications"] = "Debug",
            },
            TestSystem.RegionDirectory, TestSystem.Complaints, TestSystem.Notifications);

    /// <summary>gRPC headers of a new integrator client scoped to <paramref name="regionCode"/>.</summary>
    public async Task<Metadata> IntegratorHeadersAsync(string regionCode)
    {
        var credentials = new OfficeCredentials.OfficeCredentialsClient(System.Channel(TestSystem.RegionDirectory));
        var client = await credentials.RegisterClientAsync(new RegisterClientRequest
        {
            DisplayName = $"Integrator {regionCode}",
            RegionCode = regionCode,
            Roles = { "integrator" },
        }, await System.AdminHeadersAsync());
        return TestSystem.Bearer(await System.TokenAsync(client.Client.ClientId, client.ClientSecret));
    }

    /// <summary>Subscribes a receiver path; returns the subscription and its secret.</summary>
    public async Task<CreateSubscriptionReply> SubscribeAsync(Metadata integrator, string url, string regionCode, params string[] eventTypes) =>
        await Client.CreateSubscriptionAsync(new CreateSubscriptionRequest { Url = url, RegionCode = regionCode, EventTypes = { eventTypes } }, integrator);

    /// <summary>
    /// Publishes an event to its fanout exchange as MassTransit's envelope, the way the complaints service's relay
    /// does (so a test can publish the same EventId twice, as a relay that crashed after publishing would).
    /// </summary>
    public async Task PublishAsync(params IntegrationEvent[] events)
    {
        var factory = new ConnectionFactory { Uri = new Uri(System.Setting(TestSystem.Notifications, "ConnectionStrings__messaging")) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var evt in events)
        {
            var type = evt.GetType();
            var exchange = $"{type.Namespace}:{type.Name}";
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
            var envelope = new
            {
                messageId = Guid.NewGuid(),
                messageType = new[] { $"urn:message:{type.Namespace}:{type.Name}" },
                sentTime = DateTimeOffset.UtcNow,
                message = (object)evt,
            };
            var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(envelope, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
            var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true };
            await channel.BasicPublishAsync(exchange, routingKey: "", mandatory: false, properties, body);
        }
    }

    /// <summary>A registered laporan's ComplaintSubmitted, as the complaints service would publish it.</summary>
    public static ComplaintSubmitted Submitted(string regionCode, string registrationNumber) => new()
    {
        ComplaintId = Guid.NewGuid(),
        RegionCode = regionCode,
        ViolationType = 2,
        HandlingOffice = "Bawaslu",
        Kind = "laporan",
        Status = "registered",
        RegistrationNumber = registrationNumber,
        ReceivedAt = DateTimeOffset.UtcNow,
    };

    public async ValueTask DisposeAsync()
    {
        if (System is not null) await System.DisposeAsync();
        await Webhooks.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
