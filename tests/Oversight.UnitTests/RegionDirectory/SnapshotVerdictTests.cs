using Oversight.RegionDirectory.Infrastructure.Sites;

namespace Oversight.UnitTests.RegionDirectory;

/// <summary>Which of the centre's snapshots a site's copy takes: versions count within one centre database.</summary>
public sealed class SnapshotVerdictTests
{
    private static readonly Guid Centre = Guid.Parse("0b4b9d3e-0000-4000-8000-000000000001");
    private static readonly Guid CentreMadeAgain = Guid.Parse("0b4b9d3e-0000-4000-8000-000000000002");

    [Fact]
    public void A_copy_that_holds_nothing_takes_any_snapshot()
    {
        Assert.Equal(SnapshotVerdict.Newer, DirectoryCopyStore.Judge(1, Centre, heldVersion: null, heldOrigin: null));
    }

    [Theory]
    [InlineData(8, SnapshotVerdict.Newer)]
    [InlineData(7, SnapshotVerdict.NotNewer)]
    [InlineData(3, SnapshotVerdict.NotNewer)]
    public void Of_the_same_centre_database_only_a_newer_snapshot_is_taken(long version, SnapshotVerdict expected)
    {
        Assert.Equal(expected, DirectoryCopyStore.Judge(version, Centre, heldVersion: 7, heldOrigin: Centre));
    }

    [Fact]
    public void A_centre_database_made_again_is_taken_though_its_versions_start_again_at_1()
    {
        Assert.Equal(SnapshotVerdict.OtherOrigin, DirectoryCopyStore.Judge(1, CentreMadeAgain, heldVersion: 412, heldOrigin: Centre));
        // Then its own numbering rules again.
        Assert.Equal(SnapshotVerdict.NotNewer, DirectoryCopyStore.Judge(1, CentreMadeAgain, heldVersion: 2, heldOrigin: CentreMadeAgain));
    }

    [Fact]
    public void A_copy_holding_a_snapshot_from_before_origins_takes_the_first_one_with_an_origin()
    {
        Assert.Equal(SnapshotVerdict.OtherOrigin, DirectoryCopyStore.Judge(5, Centre, heldVersion: 9, heldOrigin: null));
    }
}
