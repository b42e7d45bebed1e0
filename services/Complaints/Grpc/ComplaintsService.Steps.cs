using Grpc.Core;
using Oversight.Catalogues;
using Oversight.Complaints.Domain.Intake;
using Oversight.Complaints.Domain.Lifecycle;
using Oversight.Complaints.Domain.Regimes;
using Oversight.Complaints.Domain.Registration;
using Oversight.Complaints.Grpc.Mapping;
using Oversight.Complaints.Infrastructure.Privacy;
using Oversight.Complaints.Model;
using Oversight.Contracts.Complaints;
using Oversight.Regions;

namespace Oversight.Complaints.Grpc;

/// <summary>The lifecycle RPCs: each checks its own fields, then hands the domain's step to the shared path.</summary>
public sealed partial class ComplaintsService
{
    public const int MaxNoteLength = 2000;
    public const int MaxReasoningLength = 5000;
    public const int MaxReferenceLength = 200;

    public override Task<Complaint> CompleteComplaint(CompleteComplaintRequest request, ServerCallContext context)
    {
        var supplied = CompletionMapper.Map(request, time.GetUtcNow(), out var errors);
        return TransitionAsync(context, request.ComplaintId, request.ExpectedVersion, TransitionTable.Complete, errors,
            async (complaint, actor, at, row, scope) =>
            {
                // The formal requirements are checked again with the rest: the sealed identity is opened in memory for
                // that check only (never logged, stored or sent); no lifecycle step changes who reported.
                var reporter = row.ReporterIdentity is { } sealedIdentity && complaint.Details.Reporter is { } category
                    ? ReporterOf(category.Category, protector.Open(row.Id, sealedIdentity))
                    : complaint.Details.Reporter;
                var details = CompletionMapper.Merge(complaint.Details with { Reporter = reporter }, supplied!);
                var completed = complaint.Complete(details, actor, at);
                if (completed.Complaint.Assessment.Verdict != IntakeVerdict.Registrable)
                {
                    throw new RpcException(new Status(StatusCode.InvalidArgument,
                        "still incomplete, nothing changed: " + string.Join("; ", completed.Complaint.Assessment.Errors)));
                }
                var year = IndonesianTime.DateOf(at).Year;
                var sequence = await scope.NextRegistrationSequenceAsync(complaint.HandlingOfficeCode, year);
                var number = RegistrationNumber.Create(complaint.HandlingOfficeCode, complaint.Kind, year, sequence);
                return completed.Complaint.Register(number, actor, at);
            },
            t => new Dictionary<string, string> { ["registration_number"] = t.Complaint.RegistrationNumber?.ToString() ?? "", ["identity_rechecked"] = "true" });
    }

    public override Task<Complaint> ConvertToFinding(ConvertToFindingRequest request, ServerCallContext context)
    {
        var finding = FindingMapper.Map(request, time.GetUtcNow(), out var errors);
        return TransitionAsync(context, request.ComplaintId, request.ExpectedVersion, TransitionTable.ConvertToFinding, errors,
            async (complaint, actor, at, row, scope) =>
            {
                var converted = complaint.ConvertToFinding(finding!.Details, actor, at);
                // As at intake: a formal or uncurable failure refuses the finding (the transaction rolls back).
                var refusals = IntakeRefusals.RefusalErrors(converted.Complaint.Assessment);
                if (refusals.Count > 0)
                {
                    throw new RpcException(new Status(StatusCode.InvalidArgument,
                        "nothing changed: " + string.Join("; ", refusals.Select(FindingMapper.FieldNamed))));
                }
                // The finding's author replaces the tip's optional reporter: sealed, like every reporter.
                row.ReporterIdentity = finding.Reporter is { } author ? protector.Seal(row.Id, author) : null;
                if (converted.Complaint.Assessment.Verdict != IntakeVerdict.Registrable)
                {
                    return converted.Complaint.RequestCompletion(actor, at);
                }
                var year = IndonesianTime.DateOf(at).Year;
                var sequence = await scope.NextRegistrationSequenceAsync(complaint.HandlingOfficeCode, year);
                return converted.Complaint.Register(RegistrationNumber.Create(complaint.HandlingOfficeCode, ComplaintKind.Temuan, year, sequence), actor, at);
            },
            t => new Dictionary<string, string> { ["kind"] = "temuan", ["registration_number"] = t.Complaint.RegistrationNumber?.ToString() ?? "" });
    }

    public override Task<Complaint> RejectComplaint(RejectComplaintRequest request, ServerCallContext context) =>
        Simple(context, request.ComplaintId, request.ExpectedVersion, TransitionTable.Reject,
            errors => Required(errors, "reason", request.Reason, MaxNoteLength),
            (c, actor, at) => c.Reject(request.Reason.Trim(), actor, at));

    public override Task<Complaint> WithdrawComplaint(WithdrawComplaintRequest request, ServerCallContext context) =>
        Simple(context, request.ComplaintId, request.ExpectedVersion, TransitionTable.Withdraw,
            errors => Required(errors, "reason", request.Reason, MaxNoteLength),
            (c, actor, at) => c.Withdraw(request.Reason.Trim(), actor, at));

    public override Task<Complaint> StartReview(StartReviewRequest request, ServerCallContext context) =>
        Simple(context, request.ComplaintId, request.ExpectedVersion, TransitionTable.StartReview, _ => { },
            (c, actor, at) => c.StartReview(actor, at));

    public override Task<Complaint> ExtendReview(ExtendReviewRequest request, ServerCallContext context) =>
        Simple(context, request.ComplaintId, request.ExpectedVersion, TransitionTable.ExtendReview,
            errors => Required(errors, "reason", request.Reason, MaxNoteLength),
            (c, actor, at) => c.ExtendReview(request.Reason.Trim(), actor, at));

    public override Task<Complaint> DecideComplaint(DecideComplaintRequest request, ServerCallContext context)
    {
        var outcome = LifecycleStatuses.ParseOutcome(request.Outcome);
        return Simple(context, request.ComplaintId, request.ExpectedVersion, TransitionTable.Decide,
            errors =>
            {
                if (outcome is null)
                {
                    errors.Add("outcome: must be violation, not_violation or forwarded_gakkumdu");
                }
                Required(errors, "reasoning", request.Reasoning, MaxReasoningLength);
                if (request.ViolationType != 0 && ViolationCatalogue.Find(request.ViolationType) is null)
                {
                    errors.Add($"violation_type: must be a number of the violation catalogue, {ViolationCatalogue.MinNumber}-{ViolationCatalogue.MaxNumber} ({ViolationCatalogue.Regulation}), or 0");
                }
                else if (outcome == DecisionOutcome.NotViolation && request.ViolationType != 0)
                {
                    errors.Add("violation_type: must be 0 for an outcome of not_violation");
                }
            },
            (c, actor, at) => c.Decide(outcome!.Value, request.Reasoning.Trim(), actor, at, request.ViolationType == 0 ? null : request.ViolationType),
            t => new Dictionary<string, string> { ["outcome"] = request.Outcome, ["violation_type"] = t.Complaint.Decision?.ViolationType?.ToString() ?? "" });
    }

    public override Task<Complaint> IssueRecommendation(IssueRecommendationRequest request, ServerCallContext context) =>
        Simple(context, request.ComplaintId, request.ExpectedVersion, TransitionTable.IssueRecommendation,
            errors => Required(errors, "reference", request.Reference, MaxReferenceLength),
            (c, actor, at) => c.IssueRecommendation(request.Reference.Trim(), actor, at),
            _ => new Dictionary<string, string> { ["reference"] = request.Reference.Trim() });

    public override Task<Complaint> ConfirmRecommendation(ConfirmRecommendationRequest request, ServerCallContext context) =>
        Simple(context, request.ComplaintId, request.ExpectedVersion, TransitionTable.ConfirmRecommendation,
            errors => Optional(errors, "note", request.Note, MaxNoteLength),
            (c, actor, at) => c.ConfirmRecommendation(actor, at, Blank(request.Note)));

    public override Task<Complaint> DismissRecommendation(DismissRecommendationRequest request, ServerCallContext context) =>
        Simple(context, request.ComplaintId, request.ExpectedVersion, TransitionTable.DismissRecommendation,
            errors => Required(errors, "reason", request.Reason, MaxNoteLength),
            (c, actor, at) => c.DismissRecommendation(request.Reason.Trim(), actor, at));

    public override Task<Complaint> EscalateComplaint(EscalateComplaintRequest request, ServerCallContext context) =>
        Simple(context, request.ComplaintId, request.ExpectedVersion, TransitionTable.Escalate,
            errors => Optional(errors, "note", request.Note, MaxNoteLength),
            (c, actor, at) => c.Escalate(actor, at, Blank(request.Note)),
            t => new Dictionary<string, string> { ["escalation_level"] = t.Complaint.EscalationLevel.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public override Task<Complaint> ImposeSanction(ImposeSanctionRequest request, ServerCallContext context) =>
        Simple(context, request.ComplaintId, request.ExpectedVersion, TransitionTable.ImposeSanction,
            errors =>
            {
                if (SanctionCatalogue.Find(request.SanctionCode) is not { Kind: SanctionKind.Discipline })
                {
                    errors.Add("sanction_code: must be a discipline sanction of PP 94/2021 Pasal 8 ("
                        + string.Join(", ", SanctionCatalogue.All.Where(s => s.Kind == SanctionKind.Discipline).Select(s => s.Code)) + ")");
                }
                for (var i = 0; i < request.MoralSanctionCodes.Count; i++)
                {
                    if (SanctionCatalogue.Find(request.MoralSanctionCodes[i]) is not { Kind: SanctionKind.Moral })
                    {
                        errors.Add($"moral_sanction_codes[{i}]: must be a moral sanction of PP 42/2004 ({string.Join(", ", SanctionCatalogue.Moral.Select(s => s.Code))})");
                    }
                }
                Required(errors, "decree_reference", request.DecreeReference, MaxReferenceLength);
            },
            (c, actor, at) => c.ImposeSanction(request.SanctionCode, request.DecreeReference.Trim(), actor, at, [.. request.MoralSanctionCodes.Distinct(StringComparer.Ordinal)]),
            _ => new Dictionary<string, string> { ["sanction_code"] = request.SanctionCode, ["decree_reference"] = request.DecreeReference.Trim() });

    public override Task<Complaint> CloseComplaint(CloseComplaintRequest request, ServerCallContext context) =>
        Simple(context, request.ComplaintId, request.ExpectedVersion, TransitionTable.Close,
            errors => Required(errors, "note", request.Note, MaxNoteLength),
            (c, actor, at) => c.Close(request.Note.Trim(), actor, at));

    /// <summary>A step that is one domain call.</summary>
    private Task<Complaint> Simple(
        ServerCallContext context, string complaintId, int expectedVersion, string action, Action<List<string>> validate,
        DomainStep apply,
        Func<ComplaintTransition, IReadOnlyDictionary<string, string>>? auditDetails = null)
    {
        var errors = new List<string>();
        validate(errors);
        return TransitionAsync(context, complaintId, expectedVersion, action, errors,
            (complaint, actor, at, _, _) => Task.FromResult(apply(complaint, actor, at)), auditDetails);
    }

    private static void Required(List<string> errors, string field, string value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{field}: required");
        }
        Optional(errors, field, value, max);
    }

    private static void Optional(List<string> errors, string field, string value, int max)
    {
        if (value.Length > max)
        {
            errors.Add($"{field}: must be at most {max} characters");
        }
    }

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static ReporterDetails ReporterOf(ReporterCategory category, ReporterIdentity identity) => new()
    {
        Category = category,
        Name = identity.Name,
        Nik = identity.Nik,
        Address = identity.Address,
        Phone = identity.Phone,
    };
}
