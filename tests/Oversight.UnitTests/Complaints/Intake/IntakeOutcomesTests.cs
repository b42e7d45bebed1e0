using Oversight.Complaints.Domain.Intake;
using Oversight.Complaints.Grpc;

namespace Oversight.UnitTests.Complaints.IntakeApi;

/// <summary>The reason tag of <c>oversight.complaints.refused</c>.</summary>
public sealed class IntakeOutcomesTests
{
    private static IntakeAssessment Assessed(params RequirementFailure[] failures) => new(ComplaintKind.Laporan, failures, OutsideElectionPeriod: false);

    [Fact]
    public void A_request_that_did_not_map_is_malformed() =>
        Assert.Equal(IntakeOutcomes.Malformed, IntakeOutcomes.RefusalReason(null));

    [Fact]
    public void A_missing_formal_requirement_is_formal_requirement() =>
        Assert.Equal(IntakeOutcomes.FormalRequirement, IntakeOutcomes.RefusalReason(Assessed(
            new RequirementFailure("signature", "the officer must attest", RequirementCategory.Formal, Curable: true),
            new RequirementFailure("place", "required", RequirementCategory.Material, Curable: true))));

    [Fact]
    public void Any_failure_completion_cannot_cure_makes_it_uncurable_whatever_else_is_missing() =>
        Assert.Equal(IntakeOutcomes.Uncurable, IntakeOutcomes.RefusalReason(Assessed(
            new RequirementFailure("signature", "the officer must attest", RequirementCategory.Formal, Curable: true),
            new RequirementFailure("became_known_at", "filed after the filing window", RequirementCategory.Formal, Curable: false))));
}
