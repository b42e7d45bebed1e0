using System.Text.Json;
using Oversight.Contracts.IntegrationEvents;

namespace Oversight.UnitTests.Contracts;

/// <summary>The complaint an event is about, by which the outbox relay keeps one complaint's events in order.</summary>
public sealed class AboutComplaintTests
{
    private static readonly Guid Complaint = Guid.Parse("0b9f3c1e-5d7a-4c2b-9e11-2f6a8d4c7b30");

    [Fact]
    public void Complaint_and_deadline_events_name_their_complaint_and_others_none()
    {
        Assert.Equal(Complaint, Registered().AboutComplaint());
        Assert.Equal(Complaint, Missed().AboutComplaint());
        Assert.Null(DirectoryChanged().AboutComplaint());
    }

    [Fact]
    public void It_is_no_field_of_the_message()
    {
        foreach (var evt in new IntegrationEvent[] { Registered(), Missed(), DirectoryChanged() })
        {
            var json = JsonSerializer.SerializeToElement(evt, evt.GetType(), new JsonSerializerOptions(JsonSerializerDefaults.Web));
            Assert.DoesNotContain(json.EnumerateObject(), property => property.Name.StartsWith("about", StringComparison.OrdinalIgnoreCase));
        }
    }

    private static ComplaintRegistered Registered() => new()
    {
        ComplaintId = Complaint, RegionCode = "52.71", RegistrationNumber = "52.71/LP/2026/0001", RegisteredAt = DateTimeOffset.UnixEpoch,
    };

    private static DeadlineMissed Missed() => new()
    {
        ComplaintId = Complaint, RegionCode = "52.71", DeadlineId = Guid.NewGuid(), Kind = "review", Owner = "bawaslu", DueAt = DateTimeOffset.UnixEpoch,
    };

    private static RegionDirectoryChanged DirectoryChanged() => new()
    {
        RegionCode = "52.71", Entity = "office", Change = "changed", Keys = ["o1"], AffectedRegionCodes = ["52.71"], Summary = "office changed",
    };
}
