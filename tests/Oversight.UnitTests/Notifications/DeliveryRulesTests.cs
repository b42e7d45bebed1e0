using Oversight.Notifications.Model.Deliveries;

namespace Oversight.UnitTests.Notifications;

public sealed class DeliveryRulesTests
{
    [Theory]
    [InlineData(1, 1000)]
    [InlineData(2, 2000)]
    [InlineData(3, 4000)]
    [InlineData(10, 60000)]
    public void Backoff_doubles_per_attempt_up_to_the_maximum_with_jitter_in_the_upper_half(int failedAttempt, double ceilingMs)
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var delay = RetrySchedule.DelayAfter(failedAttempt, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), random);
            Assert.InRange(delay.TotalMilliseconds, ceilingMs / 2, ceilingMs);
        }
    }

    [Fact]
    public void Jitter_spreads_retries()
    {
        var random = new Random(11);
        var delays = Enumerable.Range(0, 50).Select(_ => RetrySchedule.DelayAfter(3, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), random)).Distinct();
        Assert.True(delays.Count() > 40);
    }

    [Theory]
    [InlineData("siti.rahmawati@example.org", "s***@example.org")]
    [InlineData("not-an-address", "***")]
    public void Personal_addresses_are_masked(string address, string shown) => Assert.Equal(shown, RecipientMask.MaskEmail(address));

    [Fact]
    public void Office_addresses_show_as_is_personal_ones_masked_and_webhook_urls_without_their_query()
    {
        Assert.Equal("bawaslu@x.example", RecipientMask.Show(Channels.Email, "bawaslu@x.example", RecipientKinds.Office, null));
        Assert.Equal("s***@x.example", RecipientMask.Show(Channels.Email, "siti@x.example", RecipientKinds.Personal, null));
        Assert.Equal("https://hooks.example.org/in", RecipientMask.Show(Channels.Webhook, "id", RecipientKinds.Subscription, "https://hooks.example.org/in?token=abc"));
    }
}
