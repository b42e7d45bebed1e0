using Oversight.Complaints.Domain.Intake;
using Oversight.Contracts.Complaints;

namespace Oversight.Complaints.Grpc.Mapping;

/// <summary>
/// The material details a completion supplies (pure). Each field is checked with the submission's own rules (the
/// errors name the same fields: <c>occurred_at</c>, <c>evidence[0].url</c>); a field left empty keeps the stored value.
/// </summary>
public static class CompletionMapper
{
    /// <summary>What was supplied; null when <paramref name="errors"/> is not empty.</summary>
    public static ComplaintDetails? Map(CompleteComplaintRequest request, DateTimeOffset now, out List<string> errors)
    {
        // The submission's checks, on a submission carrying only the completion's fields (kind and region are placeholders).
        var asSubmission = new SubmitComplaintRequest
        {
            Kind = "laporan",
            RegionCode = "00",
            ViolationType = request.ViolationType,
            OccurredAt = request.OccurredAt,
            Place = request.Place,
            Description = request.Description,
        };
        asSubmission.Evidence.Add(request.Evidence);
        return SubmissionMapper.Map(asSubmission, headerIdempotencyKey: null, now, out errors)?.Details;
    }

    /// <summary>The stored details with the supplied fields laid over them.</summary>
    public static ComplaintDetails Merge(ComplaintDetails stored, ComplaintDetails supplied) => stored with
    {
        ViolationType = supplied.ViolationType != 0 ? supplied.ViolationType : stored.ViolationType,
        OccurredAt = supplied.OccurredAt ?? stored.OccurredAt,
        Place = supplied.Place ?? stored.Place,
        Description = supplied.Description ?? stored.Description,
        Evidence = supplied.Evidence.Count > 0 ? supplied.Evidence : stored.Evidence,
    };
}
