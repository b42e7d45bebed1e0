using Oversight.LoadGen.Engine;
using Oversight.LoadGen.Scenarios;

namespace Oversight.UnitTests.LoadGen;

public sealed class OperationMixTests
{
    [Fact]
    public void Each_operation_gets_its_share_of_the_draws()
    {
        var mix = new OperationMix<string>([("a", 1), ("b", 3)]);
        Assert.Equal("a", mix.Pick(0));
        Assert.Equal("a", mix.Pick(0.2499));
        Assert.Equal("b", mix.Pick(0.25));
        Assert.Equal("b", mix.Pick(0.999999));
        Assert.Equal(0.25, mix.Shares["a"]);
    }

    [Fact]
    public void A_zero_weight_is_never_drawn_even_at_the_top_of_the_range()
    {
        var mix = new OperationMix<string>([("a", 1), ("never", 0)]);
        Assert.Equal("a", mix.Pick(Math.BitDecrement(1.0)));
    }

    [Fact]
    public void The_steady_mix_draws_its_stated_proportions()
    {
        var mix = new OperationMix<string>(MixScenario.Weights);
        var random = new Random(8);
        var counts = Enumerable.Range(0, 100_000).Select(_ => mix.Pick(random.NextDouble())).CountBy(o => o).ToDictionary();
        Assert.Equal(100, MixScenario.Weights.Sum(w => w.Weight));
        foreach (var (operation, weight) in MixScenario.Weights)
            Assert.InRange(counts[operation] / 1000.0, weight - 0.5, weight + 0.5);
    }

    [Fact]
    public void The_situation_room_is_read_heavy()
    {
        var mix = new OperationMix<string>(SituationRoomScenario.Weights);
        Assert.Equal(0.95, mix.Shares.Where(s => s.Key != "SubmitComplaint").Sum(s => s.Value), 6);
    }

    [Fact]
    public void Weights_that_cannot_be_drawn_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new OperationMix<string>([]));
        Assert.Throws<ArgumentException>(() => new OperationMix<string>([("a", 0)]));
        Assert.Throws<ArgumentException>(() => new OperationMix<string>([("a", -1), ("b", 2)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OperationMix<string>([("a", 1)]).Pick(1));
    }
}
