using Oversight.Complaints.Grpc.Mapping;
using Oversight.Contracts.Complaints;

namespace Oversight.UnitTests.Complaints.IntakeApi;

public sealed class SubmissionFingerprintTests
{
    private static SubmitComplaintRequest Request(string key = "") => new()
    {
        Kind = "laporan", RegionCode = "52.71", ViolationType = 2, Description = "Camat membagikan unggahan kampanye.",
        Reporter = new Reporter { Category = "voter", Name = "Siti" }, IdempotencyKey = key,
    };

    [Fact]
    public void The_same_request_gives_the_same_fingerprint_whatever_its_key()
    {
        Assert.Equal(SubmissionFingerprint.Of(Request("a")), SubmissionFingerprint.Of(Request("b")));
        Assert.Equal(32, SubmissionFingerprint.Of(Request()).Length);
    }

    [Fact]
    public void Any_other_field_changes_the_fingerprint()
    {
        var other = Request();
        other.Description += ".";
        Assert.NotEqual(SubmissionFingerprint.Of(Request()), SubmissionFingerprint.Of(other));
        var nested = Request();
        nested.Reporter.Name = "Sita";
        Assert.NotEqual(SubmissionFingerprint.Of(Request()), SubmissionFingerprint.Of(nested));
    }

    [Fact]
    public void A_row_without_a_fingerprint_allows_the_replay_and_a_different_one_does_not()
    {
        var fingerprint = SubmissionFingerprint.Of(Request());
        Assert.True(SubmissionFingerprint.Matches(null, fingerprint));
        Assert.True(SubmissionFingerprint.Matches([.. fingerprint], fingerprint));
        var other = Request();
        other.RegionCode = "52.72";
        Assert.False(SubmissionFingerprint.Matches(SubmissionFingerprint.Of(other), fingerprint));
        Assert.Contains("'k-1'", SubmissionFingerprint.Mismatch("k-1").Status.Detail);
        Assert.Equal(Grpc.Core.StatusCode.AlreadyExists, SubmissionFingerprint.Mismatch("k-1").StatusCode);
    }
}
