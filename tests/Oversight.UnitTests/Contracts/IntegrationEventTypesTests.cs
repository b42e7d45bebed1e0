using Oversight.Contracts.IntegrationEvents;

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
