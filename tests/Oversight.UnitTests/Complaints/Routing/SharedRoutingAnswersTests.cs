using Oversight.Complaints.Infrastructure.Routing;
using Oversight.Contracts.RegionDirectory;
using StackExchange.Redis;

namespace Oversight.UnitTests.Complaints.Routing;

/// <summary>How an answer shared in Redis is written and read back: the answer with when the directory gave it.</summary>
public sealed class SharedRoutingAnswersTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 23, 1, 2, 3, 456, TimeSpan.Zero);

    [Fact]
    public void An_answer_reads_back_with_the_time_the_directory_gave_it()
    {
        var routing = new ComplaintRouting { Bawaslu = new Office { Id = "b-52.71", Name = "Bawaslu Kota Mataram", RegionCode = "52.71" } };

        var read = SharedRoutingAnswers.Decode((RedisValue)SharedRoutingAnswers.Encode(routing, ReceivedAt), ComplaintRouting.Parser);

        Assert.NotNull(read);
        Assert.Equal(routing, read.Answer);
        Assert.Equal(ReceivedAt, read.ReceivedAt);
    }

    [Fact]
    public void No_value_or_one_this_build_cannot_read_is_no_answer()
    {
        Assert.Null(SharedRoutingAnswers.Decode(RedisValue.Null, CampaignStatus.Parser));
        Assert.Null(SharedRoutingAnswers.Decode((RedisValue)new byte[] { 1, 2, 3 }, CampaignStatus.Parser));
        // A time, then bytes that are no Protobuf message (a truncated field).
        Assert.Null(SharedRoutingAnswers.Decode((RedisValue)new byte[] { 0, 0, 1, 0, 0, 0, 0, 0, 0x0a, 0x05, 0x41 }, CampaignStatus.Parser));
    }

    [Fact]
    public void Fields_name_the_region_and_the_employing_region_or_the_date()
    {
        Assert.Equal("52.71|52", SharedRoutingAnswers.Field(new RouteKey("52.71", "52")));
        Assert.Equal("52.71|2026-11-27", SharedRoutingAnswers.Field(new CampaignKey("52.71", new DateOnly(2026, 11, 27))));
    }
}
