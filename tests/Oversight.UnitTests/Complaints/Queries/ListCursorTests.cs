using Oversight.Complaints.Infrastructure.Queries;

namespace Oversight.UnitTests.Complaints.Queries;

public sealed class ListCursorTests
{
    [Fact]
    public void A_cursor_survives_its_round_trip_to_the_tick_and_is_url_safe()
    {
        var cursor = new ListCursor(new DateTime(2026, 11, 23, 9, 30, 15, DateTimeKind.Utc).AddTicks(1_234_560), Guid.CreateVersion7());

        var token = cursor.Encode();

        Assert.Matches("^[A-Za-z0-9_-]+$", token);
        Assert.True(ListCursor.TryDecode(token, out var decoded));
        Assert.Equal(cursor, decoded);
        Assert.Equal(DateTimeKind.Utc, decoded.ReceivedAtUtc.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("AAAA")]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    public void Anything_else_is_not_a_cursor(string token) =>
        Assert.False(ListCursor.TryDecode(token, out _));

    [Fact]
    public void A_cursor_of_another_version_is_refused()
    {
        var token = new ListCursor(DateTime.UtcNow, Guid.NewGuid()).Encode();
        var base64 = token.Replace('-', '+').Replace('_', '/');
        var bytes = Convert.FromBase64String(base64 + new string('=', (4 - base64.Length % 4) % 4));
        bytes[0] = 2;
        var other = Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        Assert.False(ListCursor.TryDecode(other, out _));
    }
}
