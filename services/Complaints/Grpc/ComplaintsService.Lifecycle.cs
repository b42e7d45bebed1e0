using System.Security.Claims;
using Grpc.Core;
using Oversight.Complaints.Domain.Lifecycle;
using Oversight.Complaints.Grpc.Mapping;
using Oversight.Complaints.Infrastructure;
using Oversight.Complaints.Infrastructure.Audit;
using Oversight.Contracts.Complaints;
using Oversight.Security.Authentication;

namespace Oversight.Complaints.Grpc;

/// <summary>
/// The lifecycle after intake: one shared path for every step (<see cref="TransitionAsync"/>), the steps themselves in
/// ComplaintsService.Steps.cs. The checks run in the order a caller can act on: a well-formed request, a known
/// complaint, a scope that may see it, the step's role and region, the version read, then the domain's rules.
/// </summary>
public sealed partial class ComplaintsService
{
    private async Task<Complaint> TransitionAsync(
        ServerCallContext context, string complaintId, int expectedVersion, string action, List<string> errors, StoredStep step,
        Func<ComplaintTransition, IReadOnlyDictionary<string, string>>? auditDetails = null)
    {
        var caller = context.RequireAuthenticated(logger);
        if (!Guid.TryParse(complaintId, out var id))
        {
            errors.Insert(0, "complaint_id: must be a UUID");
        }
        if (expectedVersion < 1)
        {
            errors.Add("expected_version: required, the complaint's version as last read (1 or more)");
        }
        if (errors.Count > 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, string.Join("; ", errors)));
        }
        var now = time.GetUtcNow();
        var actor = new Actor(caller.OfficeClientId() ?? "", [.. caller.FindAll(OfficeClaims.Role).Select(c => c.Value)]);
        var auditActor = AuditActor.FromCall(context);

        var stored = await WithDatabase(() => transitions.TransitionAsync(id, async (row, scope) =>
        {
            var complaint = ComplaintFromRow.ToDomain(row);
            Authorize(context, caller, row, complaint.ScopeRegionCodeFor(action), complaint.State, action);
            if (row.Version != expectedVersion)
            {
                throw new RpcException(new Status(StatusCode.FailedPrecondition,
                    $"expected_version: the complaint is at version {row.Version}, not {expectedVersion}; read it again and retry"));
            }
            ComplaintTransition transition;
            try
            {
                transition = await step(complaint, actor, now, row, scope);
            }
            catch (TransitionRefusedException refused)
            {
                logger.LogInformation("Refused {Action} of complaint {ComplaintId} ({Status}) for client {ClientId}: {Refusal}",
                    action, id, row.Status, actor.Id, refused.Kind);
                throw new RpcException(new Status(
                    refused.Kind == RefusalKind.NotPermitted ? StatusCode.PermissionDenied : StatusCode.FailedPrecondition, refused.Message));
            }
            return ComplaintWrites.Step(row, complaint, transition, action, now, auditActor, auditDetails?.Invoke(transition));
        }, context.CancellationToken)) ?? throw new RpcException(new Status(StatusCode.NotFound, $"complaint_id: no complaint with id {id}"));

        logger.LogInformation("Complaint {ComplaintId} {Action} by client {ClientId}: now {Status}, version {Version}",
            id, action, actor.Id, stored.Status, stored.Version);
        return ComplaintReplies.ToComplaint(stored);
    }

    /// <summary>
    /// A scope that covers neither the complaint's region, the handling office's nor the step's region learns nothing
    /// else; nor does a caller holding none of the roles the step ever needs. Then, when the complaint's state allows
    /// the step, the step's role and region (TransitionTable) are required. When the state does not allow it, the
    /// domain's refusal names the state: the caller could act on such a case, so it may know why not this one.
    /// </summary>
    private void Authorize(ServerCallContext context, ClaimsPrincipal caller, ComplaintRow row, string? stepRegion, LifecycleState state, string action)
    {
        var scope = RegionScope.Describe(caller.RegionScopeOf());
        if (!caller.CoversRegion(row.HandlingRegionCode) && !caller.CoversRegion(row.RegionCode) && !(stepRegion is not null && caller.CoversRegion(stepRegion)))
        {
            throw Deny(context, caller, row.Id,
                $"region scope {scope} covers neither region {row.RegionCode} nor the handling office's region {RegionScope.Describe(row.HandlingRegionCode)}");
        }
        // The role before the state: a caller who could never take this step learns nothing of the case's state.
        var rules = TransitionTable.For(action);
        var roles = rules.Select(r => r.Role).Distinct().ToList();
        if (!roles.Any(caller.HasOfficeRole))
        {
            throw Deny(context, caller, row.Id, $"{action} requires the {string.Join(" or ", roles)} role");
        }
        if (stepRegion is null)
        {
            return;
        }
        var rule = rules.First(r => r.From == state);
        if (!caller.HasOfficeRole(rule.Role))
        {
            throw Deny(context, caller, row.Id, $"{action} of a {row.Status} complaint requires the {rule.Role} role");
        }
        if (!caller.CoversRegion(stepRegion))
        {
            throw Deny(context, caller, row.Id,
                $"{action} of a {row.Status} complaint requires a region scope covering {RegionScope.Describe(stepRegion)} ({ScopeText(rule.Scope)}); yours is {scope}");
        }
    }

    private static string ScopeText(ScopeRegion scope) => scope switch
    {
        ScopeRegion.Handling => "the handling office's region",
        ScopeRegion.Employing => "the employing region, whose PPK sanctions",
        _ => "BKN's national scope",
    };

    private RpcException Deny(ServerCallContext context, ClaimsPrincipal caller, Guid id, string reason)
    {
        logger.LogWarning("Refused {Method} of complaint {ComplaintId} for client {ClientId}: {Reason}", context.Method, id, caller.OfficeClientId(), reason);
        return new RpcException(new Status(StatusCode.PermissionDenied, $"Permission denied: {reason}."));
    }
}
