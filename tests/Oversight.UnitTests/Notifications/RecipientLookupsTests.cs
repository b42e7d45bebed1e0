using Microsoft.Extensions.Logging.Abstractions;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Notifications.Infrastructure.Routing;
using Oversight.UnitTests.ServiceDefaults;
using static Microsoft.Extensions.Options.Options;

namespace Oversight.UnitTests.Notifications;

/// <summary>Events of one region consumed side by side ask the region directory once for their recipients.</summary>
public sealed class RecipientLookupsTests
{
    [Fact]
    public async Task Ten_events_of_one_region_handled_together_ask_the_directory_once_for_its_routing_and_its_offices()
    {
        var directory = new HeldRegionDirectory();
        var recipients = new RecipientDirectory(directory.Client, Create(new DirectoryClientOptions()), TimeProvider.System, NullLogger<RecipientDirectory>.Instance);

        var handled = Enumerable.Range(0, 10).Select(_ => recipients.EmailRecipientsAsync(
            new ComplaintSubmitted { RegionCode = "52.71", ComplaintId = Guid.NewGuid(), ViolationType = 2, HandlingOffice = "Bawaslu Kota Mataram" },
            CancellationToken.None)).ToList();
        directory.Release.SetResult();

        Assert.All(await Task.WhenAll(handled), r => Assert.Contains(r, e => e.Address == "mataram@bawaslu.example"));
        Assert.Equal((1, 1), (directory.Calls("RouteComplaint"), directory.Calls("ListOffices")));
    }
}
