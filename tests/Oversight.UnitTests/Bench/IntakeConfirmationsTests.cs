using Oversight.Bench;

namespace Oversight.UnitTests.Bench;

public sealed class IntakeConfirmationsTests
{
    [Fact]
    public void The_latest_first_arrival_among_the_asked_complaints_and_the_missing_ones_are_reported()
    {
        var confirmations = new IntakeConfirmations();
        confirmations.Record("a", 10);
        confirmations.Record("b", 30);
        confirmations.Record("c", 99); // another round's complaint: not asked about

        Assert.Equal((1, 30L), confirmations.Of(["a", "b", "missing"]));
    }

    [Fact]
    public void A_redelivered_event_keeps_its_first_arrival()
    {
        var confirmations = new IntakeConfirmations();
        confirmations.Record("a", 10);
        confirmations.Record("a", 50);

        Assert.Equal((0, 10L), confirmations.Of(["a"]));
        Assert.Equal(1, confirmations.Count);
    }

    [Fact]
    public void No_arrivals_give_no_time()
    {
        Assert.Equal((2, (long?)null), new IntakeConfirmations().Of(["a", "b"]));
    }
}
