using Oversight.Bench;

namespace Oversight.UnitTests.Bench;

public sealed class IntakeReportTests
{
    private static LatencySummary Run(long operations, double seconds, double p50 = 1, long errors = 0) =>
        new("s", operations, errors, TimeSpan.FromSeconds(seconds), p50, p50 * 2, p50 * 4);

    [Fact]
    public void The_end_to_end_rate_counts_accepted_complaints_over_the_time_to_the_last_event()
    {
        // 500 accepted in 5 s of calls, the last event confirmed 0.25 s after the calls stopped.
        var round = new IntakeRound(1, Run(500, 5), TimeSpan.FromSeconds(5.25), Unconfirmed: 0, Run(4000, 5), Run(3000, 5), Run(6000, 5), Run(10, 5), "PBKDF2-SHA256, 10,000 rounds");

        Assert.Equal(500 / 5.25, round.AcceptedPerSecond, precision: 6);
        Assert.False(round.Failed);
        Assert.True(round with { Unconfirmed = 1 } is { Failed: true });
        Assert.True(round with { Raw = Run(4000, 5, errors: 1) } is { Failed: true });
        Assert.True(round with { RawPublish = Run(3000, 5, errors: 1) } is { Failed: true });
        Assert.True(round with { Echo = Run(6000, 5, errors: 1) } is { Failed: true });
    }

    [Fact]
    public void The_table_takes_the_median_round_of_each_and_divides_intake_by_raw()
    {
        IntakeRound Round(int n, double endToEndSeconds, long rawOps, double p50) =>
            new(n, Run(1000, 10, p50), TimeSpan.FromSeconds(endToEndSeconds), 0, Run(rawOps, 10), Run(rawOps / 2, 10), Run(rawOps * 2, 10), Run(40, 10), "PBKDF2-SHA256, 600,000 rounds");
        // Intake rates 50/s, 100/s, 200/s (median round 2, p50 7); raw 3000/s, 1000/s, 2000/s (median 2000/s).
        var rounds = new[] { Round(1, 20, 30_000, 3), Round(2, 10, 10_000, 7), Round(3, 5, 20_000, 9) };

        var table = IntakeReport.MedianTable(rounds);

        Assert.Equal(8, table.Count);
        Assert.StartsWith("| Complaints accepted end to end (stored, event confirmed by RabbitMQ) | 100 | 7.00 | 14.00 | 28.00 | 0 | 0.05x |", table[2]);
        Assert.StartsWith("| SubmitComplaint calls answered OK (call level) | 100 |", table[3]);
        Assert.StartsWith("| Raw INSERT + COMMIT, same PostgreSQL (Npgsql, no service) | 2000 |", table[4]);
        Assert.EndsWith("| 1x |", table[4]);
        // Publishes 1500/s, 500/s, 1000/s: median 1000/s, and intake's 100/s end to end is a tenth of it.
        Assert.StartsWith("| Raw publish + confirm, same RabbitMQ (persistent, no service; intake end to end is 0.1x of it) | 1000 |", table[5]);
        Assert.EndsWith("| 0.5x |", table[5]);
        // Echoes 6000/s, 2000/s, 4000/s: median 4000/s, of which intake's 100/s end to end is a fortieth.
        Assert.StartsWith("| Bare gRPC echo, same machine (h2c, one channel, server in its own process, no service; intake end to end is 0.025x of it) | 4000 |", table[6]);
        Assert.EndsWith("| 2x |", table[6]);
        Assert.StartsWith("| PIN hash alone (PBKDF2-SHA256, 600,000 rounds, in the bench process) | 4.0 |", table[7]);
        Assert.EndsWith("| 0.002x |", table[7]);
    }

    [Fact]
    public void Unconfirmed_complaints_count_as_errors_in_the_end_to_end_row()
    {
        var round = new IntakeRound(1, Run(100, 1, errors: 2), TimeSpan.FromSeconds(2), Unconfirmed: 3, Run(100, 1), Run(100, 1), Run(100, 1), Run(1, 1), "HMAC-SHA256, keyed");

        Assert.Contains("| 5 | ", IntakeReport.MedianTable([round])[2]);
    }

    [Theory]
    [InlineData(900, 900)]
    [InlineData(127, 127)]
    [InlineData(129, 129)]
    // No message is 130 bytes: a 128-byte payload takes a 2-byte length prefix (131 in all), so one byte short.
    [InlineData(130, 129)]
    [InlineData(16_386, 16_386)]
    public void The_echo_message_is_as_large_as_the_request_it_stands_for(int messageBytes, int expected)
    {
        var message = new Oversight.Bench.Echo.EchoMessage { Payload = Google.Protobuf.ByteString.CopyFrom(new byte[IntakeGrpcEcho.PayloadBytes(messageBytes)]) };

        Assert.Equal(expected, message.CalculateSize());
    }

    [Fact]
    public void Slow_rates_keep_a_decimal_and_fast_ones_are_whole()
    {
        Assert.Equal(("2.2", "2611"), (IntakeReport.Rate(2.16), IntakeReport.Rate(2611.4)));
    }

    [Fact]
    public void The_pin_hash_measured_is_the_one_a_stored_hash_names_and_anything_else_is_refused()
    {
        Assert.Equal("HMAC-SHA256, keyed", IntakePinHash.Of("hmac-sha256$k1$c2FsdA==$aGFzaA==").Scheme);
        Assert.Equal("PBKDF2-SHA256, 10,000 rounds", IntakePinHash.Of("pbkdf2-sha256$10000$c2FsdA==$aGFzaA==").Scheme);
        Assert.Throws<FormatException>(() => IntakePinHash.Of("sha256$10000$c2FsdA==$aGFzaA=="));
        Assert.Throws<FormatException>(() => IntakePinHash.Of("pbkdf2-sha256$-5$c2FsdA==$aGFzaA=="));
    }
}
