using Oversight.Complaints.Grpc.Mapping;

namespace Oversight.UnitTests.Complaints.IntakeApi;

/// <summary>The one rule for instants in requests (submissions' dates, queries' received range).</summary>
public sealed class Rfc3339Tests
{
    [Theory]
    [InlineData("2024-11-01T09:30:00+08:00", "2024-11-01T01:30:00.0000000+00:00")]
    [InlineData("2024-11-01T09:30:00Z", "2024-11-01T09:30:00.0000000+00:00")]
    [InlineData("2024-11-01T09:30:00-03:30", "2024-11-01T13:00:00.0000000+00:00")]
    [InlineData("2024-11-01T09:30:00.5+07:00", "2024-11-01T02:30:00.5000000+00:00")]
    [InlineData("2024-11-01T09:30:00.1234567Z", "2024-11-01T09:30:00.1234567+00:00")]
    // Lower-case t and z: RFC 3339 (section 5.6) allows them.
    [InlineData("2024-11-01t09:30:00z", "2024-11-01T09:30:00.0000000+00:00")]
    [InlineData("2024-02-29T00:00:00+14:00", "2024-02-28T10:00:00.0000000+00:00")]
    public void An_instant_with_seconds_and_an_offset_is_read_as_that_instant(string text, string utc)
    {
        Assert.True(Rfc3339.TryParse(text, out var instant));
        Assert.Equal(utc, instant.ToUniversalTime().ToString("O"));
    }

    [Fact]
    public void Nine_digits_of_a_second_are_taken_to_the_tick()
    {
        Assert.True(Rfc3339.TryParse("2024-11-01T09:30:00.123456789Z", out var instant));
        Assert.Equal(new DateTimeOffset(2024, 11, 1, 9, 30, 0, TimeSpan.Zero).AddTicks(1_234_567), instant, TimeSpan.FromTicks(1));
    }

    [Theory]
    [InlineData("2024-11-01T09:30:00")] // no offset: the server's zone would decide
    [InlineData("2024-11-01T09:30+08:00")] // no seconds (accepted by submissions before: not RFC 3339)
    [InlineData("2024-11-01T09:30Z")]
    [InlineData("2024-11-01")]
    [InlineData("2024-11-01 09:30:00+08:00")] // a space for the T
    [InlineData("2024-11-01T09:30:00.+08:00")] // a point without digits
    [InlineData("2024-11-01T09:30:00.1234567890Z")] // more than nanoseconds
    [InlineData("2024-11-01T09:30:00+0800")] // offset without its colon
    [InlineData("2024-11-01T09:30:00+08")]
    [InlineData("2024-11-01T09:30:00 +08:00")]
    [InlineData(" 2024-11-01T09:30:00Z")]
    [InlineData("2024-11-01T09:30:00Z ")]
    [InlineData("2024-13-01T09:30:00Z")] // month 13
    [InlineData("2023-02-29T09:30:00Z")] // not a leap year
    [InlineData("2024-11-01T24:00:00Z")]
    [InlineData("2024-11-01T09:30:00+15:00")] // beyond any zone
    [InlineData("01/11/2024 09:30:00 +08:00")]
    [InlineData("")]
    public void Anything_else_is_refused(string text)
    {
        Assert.False(Rfc3339.TryParse(text, out _));
    }
}
