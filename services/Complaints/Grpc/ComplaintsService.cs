using Microsoft.AspNetCore.Authorization;
using Grpc.Core;
using Oversight.Complaints.Domain.Intake;
using Oversight.Complaints.Domain.Lifecycle;
using Oversight.Complaints.Domain.Regimes;
using Oversight.Complaints.Domain.Registration;
using Oversight.Complaints.Grpc.Admission;
using Oversight.Complaints.Grpc.Mapping;
using Oversight.Complaints.Infrastructure.Transitions;
using Oversight.Complaints.Infrastructure;
using Oversight.Complaints.Infrastructure.Audit;
using Oversight.Complaints.Infrastructure.Privacy;
using Oversight.Complaints.Infrastructure.Routing;
using Oversight.Complaints.Model;
using Oversight.Contracts.Complaints;
using Oversight.Regions;
using Oversight.Security.Authentication;

namespace Oversight.Complaints.Grpc;

/// <summary>
/// Intake (SubmitComplaint), the offices' read (GetComplaint) and the reporter's read (TrackComplaint).
/// Logs carry ids, statuses and region codes only: never the reporter's name, NIK, address, phone or e-mail.
/// </summary>
public sealed partial class ComplaintsService(
    ComplaintStore store,
    IntakeRegistration registration,
    HandlingOfficeRouter router,
    IdempotencyCache idempotency,
    ReporterIdentityProtector protector,
    ReporterPin pins,
    TimeProvider time,
    ILogger<ComplaintsService> logger,
    ComplaintTransitionStore transitions,
    TrackingGuard trackingGuard,
    SiteJurisdiction jurisdiction) : Contracts.Complaints.Complaints.ComplaintsBase
{
    public const string IdempotencyKeyHeader = "idempotency-key";

    public override async Task<SubmitComplaintReply> SubmitComplaint(SubmitComplaintRequest request, ServerCallContext context)
    {
        // A desk's intake officer, for a region within its scope: the role first, the scope once the code is valid.
        var caller = context.RequireOfficeRole(OfficeRoles.IntakeOfficer, logger);
        var now = time.GetUtcNow();
        var submission = SubmissionMapper.Map(request, context.RequestHeaders.GetValue(IdempotencyKeyHeader), now, out var errors);
        IntakeAssessment? precheck = null;
        if (submission is not null)
        {
            // Formal and uncurable failures refuse the submission before anything is asked or stored.
            precheck = IntakeRegistration.Precheck(submission, now);
            errors.AddRange(IntakeRefusals.RefusalErrors(precheck));
        }
        if (errors.Count > 0)
        {
            IntakeOutcomes.RecordRefused(precheck);
            throw new RpcException(new Status(StatusCode.InvalidArgument, string.Join("; ", errors.Distinct(StringComparer.Ordinal))));
        }
        context.RequireOfficeRole(OfficeRoles.IntakeOfficer, submission!.RegionCode, logger);
        jurisdiction.Admit(submission.RegionCode);
        var clientId = caller.OfficeClientId() ?? "";
        var key = submission.IdempotencyKey;

        // Only a keyed submission can be a retry, so only it needs the request's fingerprint.
        var fingerprint = key is null ? null : SubmissionFingerprint.Of(request);

        if (key is not null && await ReplayAsync(clientId, key, fingerprint!) is { } replay)
        {
            logger.LogInformation("Complaint {ComplaintId} replayed for idempotency key of client {ClientId}", replay.ComplaintId, clientId);
            return replay;
        }

        var employing = submission.Details.Reported?.RegionCode ?? "";
        var eventDate = IndonesianTime.DateOf(submission.Details.OccurredAt ?? now);
        var routing = await router.RouteAsync(submission.RegionCode, employing, eventDate,
            context.RequestHeaders.GetValue("authorization"), context.CancellationToken);

        // The domain decides (its checks, the steps intake takes at once); the one mapper writes the row and the events.
        var actor = new Actor(clientId, [.. caller.FindAll(OfficeClaims.Role).Select(c => c.Value)]);
        var (result, pin) = await WithDatabase(() => registration.RegisterAsync(
            submission, routing, actor, AuditActor.FromCall(context), fingerprint, now, rehearsal: false, context.CancellationToken));
        if (result.Replayed)
        {
            // A replay exists only for a keyed submission (the unique index is on the key).
            if (!SubmissionFingerprint.Matches(result.Row.RequestHash, fingerprint!)) throw SubmissionFingerprint.Mismatch(key!);
            logger.LogInformation("Complaint {ComplaintId} replayed for idempotency key of client {ClientId} (found by the database)", result.Row.Id, clientId);
            return ComplaintReplies.ToSubmitReply(result.Row, pin: null, replayed: true);
        }
        IntakeOutcomes.RecordStored(result.Row.Kind, result.Row.Status);
        var reply = ComplaintReplies.ToSubmitReply(result.Row, pin, replayed: false);
        if (key is not null)
        {
            await idempotency.SetAsync(clientId, key, fingerprint!, reply);
        }
        // Information, though it is one line per call: it is the business event an operator searches for in the
        // dashboard (a complaint's console line and its structured entry, linked to its trace). Per-request framework
        // lines stay off (Microsoft.AspNetCore at Warning).
        logger.LogInformation("Complaint {ComplaintId} {Status} ({Kind}) for region {RegionCode}, handled by office {OfficeId}",
            result.Row.Id, result.Row.Status, result.Row.Kind, result.Row.RegionCode, result.Row.HandlingOfficeId);
        return reply;
    }

    public override async Task<Complaint> GetComplaint(GetComplaintRequest request, ServerCallContext context)
    {
        var caller = context.RequireAuthenticated(logger);
        if (!Guid.TryParse(request.ComplaintId, out var id))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "complaint_id: must be a UUID"));
        }
        var row = await WithDatabase(() => store.FindAsync(id, context.CancellationToken))
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"complaint_id: no complaint with id {id}"));
        if (!caller.CoversRegion(row.HandlingRegionCode) && !caller.CoversRegion(row.RegionCode))
        {
            logger.LogWarning("Refused {Method} of complaint {ComplaintId} to client {ClientId}: scope {Scope} covers neither region {RegionCode} nor the handling office's {HandlingRegionCode}",
                context.Method, id, caller.OfficeClientId(), RegionScope.Describe(caller.RegionScopeOf()), row.RegionCode, RegionScope.Describe(row.HandlingRegionCode));
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"region scope {RegionScope.Describe(caller.RegionScopeOf())} covers neither region {row.RegionCode} nor the handling office's region {RegionScope.Describe(row.HandlingRegionCode)}"));
        }
        return ComplaintReplies.ToComplaint(row);
    }

    [AllowAnonymous]

    public override async Task<TrackedComplaint> TrackComplaint(TrackComplaintRequest request, ServerCallContext context)
    {
        // One answer for an unknown code and a wrong PIN, after the same hashing work, so neither can be told apart.
        await trackingGuard.AdmitAsync(request.TrackingCode, context);
        var notFound = new RpcException(new Status(StatusCode.NotFound, "No complaint with this tracking code and PIN."));
        ComplaintRow? row = null;
        if (TrackingCode.TryParse(request.TrackingCode, out var code))
        {
            row = await WithDatabase(() => store.FindByTrackingCodeAsync(code.Compact, context.CancellationToken));
        }
        if (row?.PinHash is null)
        {
            pins.VerifyAgainstDummy(request.Pin);
            throw notFound;
        }
        var check = pins.Verify(request.Pin, row.PinHash);
        if (check == PinCheck.Wrong)
        {
            throw notFound;
        }
        if (check == PinCheck.RightButOutdated)
        {
            // A hash of before the keyed scheme, or of a retired key: the PIN is known now, so store it anew.
            await WithDatabase(() => store.ReplacePinHashAsync(row.Id, row.PinHash, pins.Hash(request.Pin), context.CancellationToken));
        }
        await WithDatabase(() => store.AuditAsync(new AuditEntry(row.Id, AuditActions.ReporterStatusViewed, AuditActor.FromCall(context)), context.CancellationToken));
        return ComplaintReplies.ToTracked(row);
    }

    /// <summary>
    /// The first answer to this client's key from the cache, when this is a retry of the same request; null otherwise.
    /// The cache holds answers per key and fingerprint, so a reused key with another request misses it. A miss is not
    /// looked up in the database first: nearly every keyed submission is new, and the intake transaction's UNIQUE
    /// (created_by, idempotency_key) finds a retry anyway, rolls it back and answers the first complaint (or refuses a
    /// reused key whose fingerprint differs), so the look-up would cost every new complaint a round trip (issue 19).
    /// </summary>
    private Task<SubmitComplaintReply?> ReplayAsync(string clientId, string key, byte[] fingerprint) =>
        idempotency.GetAsync(clientId, key, fingerprint);

    private Task WithDatabase(Func<Task> action) => WithDatabase(async () => { await action(); return true; });

    private Task<T> WithDatabase<T>(Func<Task<T>> action) =>
        logger.CallDatabaseAsync("complaints database", "Complaints query", action);
}
