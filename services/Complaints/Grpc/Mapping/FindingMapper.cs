using Oversight.Contracts.Complaints;

namespace Oversight.Complaints.Grpc.Mapping;

/// <summary>
/// The finding that takes up an informasi awal (pure): checked with the submission's own rules, as the temuan it
/// becomes, so the errors name the same fields (<c>reporter.name</c>, <c>reported.nip</c>, <c>occurred_at</c>).
/// </summary>
public static class FindingMapper
{
    /// <summary>The finding's details and its author's identity to seal; null when <paramref name="errors"/> is not empty.</summary>
    public static Submission? Map(ConvertToFindingRequest request, DateTimeOffset now, out List<string> errors)
    {
        // Kind and region are placeholders: the kind is the temuan it becomes, the region stays the tip's.
        var asSubmission = new SubmitComplaintRequest
        {
            Kind = "temuan",
            RegionCode = "00",
            Reporter = request.Supervisor,
            Reported = request.Reported,
            ViolationType = request.ViolationType,
            OccurredAt = request.OccurredAt,
            Place = request.Place,
            BecameKnownAt = request.BecameKnownAt,
            Description = request.Description,
        };
        asSubmission.Evidence.Add(request.Evidence);
        var finding = SubmissionMapper.Map(asSubmission, headerIdempotencyKey: null, now, out var submissionErrors);
        errors = [.. submissionErrors.Select(FieldNamed)];
        return finding;
    }

    /// <summary>A submission's error in this request's words: its author is the <c>supervisor</c> field, not <c>reporter</c>.</summary>
    public static string FieldNamed(string error) =>
        error.StartsWith("reporter", StringComparison.Ordinal) ? "supervisor" + error["reporter".Length..] : error;
}
