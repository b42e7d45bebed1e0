using MassTransit.RabbitMqTransport;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.PrivateMessages;

namespace Oversight.UnitTests.Contracts;

public sealed class IntegrationEventTypesTests
{
    [Fact]
    public void Names_round_trip_to_types()
    {
        var name = IntegrationEventTypes.NameOf(typeof(ComplaintSubmitted));
        Assert.Equal("ComplaintSubmitted", name);
        Assert.Equal(typeof(ComplaintSubmitted), IntegrationEventTypes.Resolve(name));
    }

    [Fact]
    public void Unknown_names_are_refused()
    {
        Assert.Throws<ArgumentException>(() => IntegrationEventTypes.Resolve("Nope"));
        Assert.Throws<ArgumentException>(() => IntegrationEventTypes.NameOf(typeof(string)));
    }

    [Fact]
    public void The_events_are_the_concrete_subtypes_of_the_base_record_and_no_private_message()
    {
        Assert.Contains(typeof(DeadlineMissed), IntegrationEventTypes.All);
        Assert.DoesNotContain(typeof(ReporterStatusNotice), IntegrationEventTypes.All);
        Assert.All(IntegrationEventTypes.All, type => Assert.True(type.IsSubclassOf(typeof(IntegrationEvent)) && !type.IsAbstract && type.IsPublic));
        Assert.Throws<ArgumentException>(() => IntegrationEventTypes.NameOf(typeof(ComplaintChange)));
    }

    // Tests, the bench and integrators bind to these names; MassTransit is what actually declares the exchanges.
    [Fact]
    public void Exchange_names_are_the_ones_MassTransit_declares()
    {
        var formatter = new RabbitMqMessageNameFormatter();
        Assert.All(IntegrationEventTypes.All, type => Assert.Equal(formatter.GetMessageName(type).ToString(), IntegrationEventTypes.ExchangeOf(type)));
        Assert.Equal("Oversight.Contracts.IntegrationEvents:ComplaintSubmitted", IntegrationEventTypes.ExchangeOf<ComplaintSubmitted>());
    }

    [Fact]
    public void Every_event_gets_an_id_a_time_and_schema_version_one()
    {
        var before = DateTimeOffset.UtcNow;
        var a = new ComplaintSubmitted { RegionCode = "52.71", ComplaintId = Guid.NewGuid(), ViolationType = 2, HandlingOffice = "Bawaslu Kota Mataram" };
        var b = a with { };
        Assert.NotEqual(Guid.Empty, a.EventId);
        Assert.InRange(a.OccurredAt, before, DateTimeOffset.UtcNow);
        Assert.Equal(1, a.SchemaVersion);
        Assert.NotEqual(a.EventId, new ComplaintSubmitted { RegionCode = "52.71", ComplaintId = a.ComplaintId, ViolationType = 2, HandlingOffice = "x" }.EventId);
        Assert.Equal(a.EventId, b.EventId);
    }
}
