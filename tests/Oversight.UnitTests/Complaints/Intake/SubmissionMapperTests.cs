using Oversight.Complaints.Domain.Intake;
using Oversight.Complaints.Domain.Regimes;
using Oversight.Complaints.Grpc.Mapping;
using Oversight.Complaints.Infrastructure;
using Oversight.Complaints.Model;
using Oversight.Contracts.Complaints;

namespace Oversight.UnitTests.Complaints.IntakeApi;

public sealed class SubmissionMapperTests
{
    private static readonly DateTimeOffset Now = new(2024, 11, 1, 3, 0, 0, TimeSpan.Zero);

    /// <summary>The builder's laporan, dated in the days before <see cref="Now"/>; a message each test changes as it needs.</summary>
    internal static SubmitComplaintRequest Complete() => (ComplaintSubmission.Laporan("52.71") with
    {
        OccurredAt = new DateTimeOffset(2024, 10, 30, 10, 0, 0, TimeSpan.FromHours(8)),
        BecameKnownAt = new DateTimeOffset(2024, 10, 31, 8, 0, 0, TimeSpan.FromHours(8)),
    }).Build();

    [Fact]
    public void A_complete_laporan_maps_to_the_domain_and_is_registrable()
    {
        var submission = SubmissionMapper.Map(Complete(), null, Now, out var errors);
        Assert.Empty(errors);
        Assert.NotNull(submission);
        Assert.Equal(ComplaintKind.Laporan, submission.Kind);
        Assert.Equal(ReporterCategory.Voter, submission.Details.Reporter!.Category);
        Assert.Equal(new DateTimeOffset(2024, 10, 30, 2, 0, 0, TimeSpan.Zero), submission.Details.OccurredAt);
        Assert.Equal(ComplaintSubmission.ReporterName, submission.Reporter!.Name);
        Assert.True(submission.Reporter.AgreedToNotifications);
        var assessment = IntakeRules.Assess(submission.Kind, submission.Details, ElectionRegimes.Pilkada2024, Now, true);
        Assert.Empty(IntakeRefusals.RefusalErrors(assessment));
        Assert.Equal(ComplaintStatuses.Registered, IntakeRefusals.StatusAfterIntake(assessment));
    }

    [Fact]
    public void Every_malformed_field_is_named()
    {
        var request = Complete();
        request.Kind = "laporan_anonim";
        request.RegionCode = "5271";
        request.Reporter.Category = "citizen";
        request.Reporter.Nik = "5271014501900000";
        request.Reporter.Email = "not-an-address";
        request.Reported.Nip = "198501012010013001";
        request.ViolationType = 13;
        request.OccurredAt = "30/10/2024";
        request.BecameKnownAt = "2024-10-31T08:00:00"; // no offset
        request.Description = new string('x', 5001);

        Assert.Null(SubmissionMapper.Map(request, null, Now, out var errors));
        string[] fields = ["kind", "region_code", "reporter.category", "reporter.nik", "reporter.email", "reported.nip", "violation_type", "occurred_at", "became_known_at", "description"];
        foreach (var field in fields)
        {
            Assert.Contains(errors, e => e.StartsWith(field + ": ", StringComparison.Ordinal));
        }
        Assert.Contains("reported.nip: sex digit must be 1 or 2, got 3", errors);
        Assert.Contains("reporter.nik: sequence part must be 0001-9999, got 0000", errors);
    }

    [Fact]
    public void The_idempotency_key_comes_from_the_field_else_the_header()
    {
        var request = Complete();
        Assert.Equal("from-header", SubmissionMapper.Map(request, "from-header", Now, out _)!.IdempotencyKey);
        request.IdempotencyKey = "from-field";
        Assert.Equal("from-field", SubmissionMapper.Map(request, "from-header", Now, out _)!.IdempotencyKey);
        request.IdempotencyKey = "has space";
        Assert.Null(SubmissionMapper.Map(request, null, Now, out var errors));
        Assert.StartsWith("idempotency_key: ", Assert.Single(errors));
    }

    [Fact]
    public void Formal_failures_and_a_late_filing_refuse_material_gaps_need_completion()
    {
        var noReporter = Complete();
        noReporter.Reporter = null;
        var refused = Assess(noReporter);
        Assert.Contains(IntakeRefusals.RefusalErrors(refused), e => e.StartsWith("reporter: ", StringComparison.Ordinal));

        var late = Complete();
        late.OccurredAt = "2024-10-10T10:00:00+07:00";
        late.BecameKnownAt = "2024-10-11T10:00:00+07:00";
        Assert.Contains(IntakeRefusals.RefusalErrors(Assess(late)), e => e.StartsWith("became_known_at: filed on 2024-11-01", StringComparison.Ordinal));

        var gaps = Complete();
        gaps.Place = "";
        gaps.Evidence.Clear();
        var assessment = Assess(gaps);
        Assert.Empty(IntakeRefusals.RefusalErrors(assessment));
        Assert.Equal(ComplaintStatuses.NeedsCompletion, IntakeRefusals.StatusAfterIntake(assessment));

        var tip = ComplaintSubmission.Tip("52.71", "Kabar ASN ikut kampanye.");
        Assert.Equal(ComplaintStatuses.Logged, IntakeRefusals.StatusAfterIntake(Assess(tip)));
        var emptyTip = ComplaintSubmission.Tip("52.71", "");
        Assert.Contains("description: required (what happened)", IntakeRefusals.RefusalErrors(Assess(emptyTip)));
    }

    [Fact]
    public void A_replayed_reply_carries_no_pin_and_the_public_state_no_reporter_identity()
    {
        var code = Oversight.Complaints.Infrastructure.Privacy.TrackingCode.New();
        var row = new ComplaintRow
        {
            Id = Guid.NewGuid(), Kind = "laporan", RegionCode = "52.71", Status = "registered", HandlingOffice = "Bawaslu Kota Mataram",
            HandlingRegionCode = "52.71", RegistrationNumber = "52.71/LP/2024/0001", TrackingCode = code.Compact, PinHash = "hash",
            ReporterIdentity = [1, 2, 3], ReporterCategory = "voter", ReceivedAt = new DateTime(2024, 11, 1, 3, 0, 0, DateTimeKind.Utc),
            OpenRequirements = """[{"field":"place","rule":"required","category":"material"}]""",
        };
        var replay = ComplaintReplies.ToSubmitReply(row, pin: null, replayed: true);
        Assert.Empty(replay.Pin);
        Assert.True(replay.Replayed);
        Assert.Equal(code.ToString(), replay.TrackingCode);
        Assert.Equal("2024-11-01T03:00:00.000Z", replay.ReceivedAt);
        Assert.Equal("place", Assert.Single(replay.OpenRequirements).Field);

        var complaint = ComplaintReplies.ToComplaint(row);
        Assert.Equal("voter", complaint.ReporterCategory);
        Assert.DoesNotContain(code.Compact, complaint.ToString());
    }

    private static IntakeAssessment Assess(SubmitComplaintRequest request)
    {
        var submission = SubmissionMapper.Map(request, null, Now, out var errors);
        Assert.Empty(errors);
        return IntakeRules.Assess(submission!.Kind, submission.Details, ElectionRegimes.Pilkada2024, Now, true);
    }
}
