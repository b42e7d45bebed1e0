using System.Security.Claims;
using Grpc.Core;
using Oversight.Complaints.Grpc.Mapping;
using Oversight.Complaints.Infrastructure;
using Oversight.Complaints.Infrastructure.Audit;
using Oversight.Complaints.Infrastructure.Privacy;
using Oversight.Complaints.Infrastructure.Queries;
using Oversight.Complaints.IntegrationEvents.Events;
using Oversight.Contracts.Complaints;
using Oversight.Security.Authentication;

namespace Oversight.Complaints.Grpc;

/// <summary>
/// The offices' and integrators' reads (complaint_queries.proto): scoped lists, lookups, the export stream, the audited
/// reporter-identity read and the audit trail. Logs carry ids, region codes and counts only, never the reporter.
/// </summary>
public sealed class ComplaintQueriesService(
    ComplaintStore store,
    ComplaintQueryStore queries,
    AuditTrail audit,
    ReporterIdentityProtector protector,
    TimeProvider time,
    ILogger<ComplaintQueriesService> logger) : ComplaintQueries.ComplaintQueriesBase
{
    /// <summary>Rows the export reads per database round trip: the stream never holds more.</summary>
    public const int ExportPageSize = 500;

    /// <summary>What an identity read opens, as its audit entry records it (field names, never values).</summary>
    private const string IdentityFields = "name,nik,address,phone,email";

    public override async Task ExportComplaints(ExportComplaintsRequest request, IServerStreamWriter<ExportedComplaint> responseStream, ServerCallContext context)
    {
        var caller = context.RequireAuthenticated(logger);
        if (!caller.HasOfficeRole(OfficeRoles.Admin) && !caller.HasOfficeRole(OfficeRoles.Integrator))
        {
            throw Refuse(context, caller, $"requires the {OfficeRoles.Admin} or {OfficeRoles.Integrator} role");
        }
        var errors = new List<string>();
        var region = ComplaintQueryRequests.RegionFilter(request.RegionCode, errors) ?? "";
        ThrowIfInvalid(errors);
        if (!caller.CoversRegion(region))
        {
            throw Refuse(context, caller, $"region scope {RegionScope.Describe(caller.RegionScopeOf())} does not cover region {RegionScope.Describe(region)}");
        }

        // Keyset pages by id: each page is one short query, so the export never loads the table nor holds a transaction open.
        var after = Guid.Empty;
        var count = 0;
        while (true)
        {
            var page = await WithDatabase(() => queries.ExportPageAsync(region, after, ExportPageSize, context.CancellationToken));
            foreach (var complaint in page)
            {
                var state = ComplaintStateSnapshot.From(complaint.Row, complaint.OpenDeadlines);
                await responseStream.WriteAsync(ComplaintQueryReplies.ToExported(complaint.Row.Id, state), context.CancellationToken);
            }
            count += page.Count;
            if (page.Count < ExportPageSize)
            {
                break;
            }
            after = page[^1].Row.Id;
        }
        logger.LogInformation("Exported {Count} complaints of region {RegionCode} to client {ClientId}", count, RegionScope.Describe(region), caller.OfficeClientId());
    }

    public override async Task<ListComplaintsReply> ListComplaints(ListComplaintsRequest request, ServerCallContext context)
    {
        var caller = context.RequireAuthenticated(logger);
        var scope = ValidScope(context, caller);
        var filter = ComplaintQueryRequests.ToFilter(request, scope, time.GetUtcNow(), out var errors);
        ThrowIfInvalid(errors);

        var page = await WithDatabase(() => queries.ListAsync(filter!, context.CancellationToken));
        var reply = new ListComplaintsReply { NextPageToken = page.Next?.Encode() ?? "" };
        reply.Complaints.Add(page.Complaints.Select(c => ComplaintQueryReplies.ToExported(c.Row.Id, ComplaintStateSnapshot.From(c.Row, c.OpenDeadlines))));
        return reply;
    }

    public override async Task<Complaint> FindComplaint(FindComplaintRequest request, ServerCallContext context)
    {
        var caller = context.RequireAuthenticated(logger);
        var byNumber = request.RegistrationNumber.Trim();
        ComplaintRow? row;
        if (byNumber.Length > 0 == (request.ComplaintId.Length > 0))
        {
            throw Invalid("registration_number, complaint_id: give exactly one of them");
        }
        if (byNumber.Length > 0)
        {
            if (byNumber.Length > 64)
            {
                throw Invalid("registration_number: at most 64 characters, like 52.71/LP/2026/0001");
            }
            row = await WithDatabase(() => queries.FindByRegistrationNumberAsync(byNumber, context.CancellationToken))
                ?? throw new RpcException(new Status(StatusCode.NotFound, $"registration_number: no complaint registered as {byNumber}"));
        }
        else
        {
            row = await FindInScopeAsync(request.ComplaintId, context, caller);
        }
        RequireComplaintScope(context, caller, row);
        return ComplaintReplies.ToComplaint(row);
    }

    public override async Task<ReporterIdentityReply> GetReporterIdentity(GetReporterIdentityRequest request, ServerCallContext context)
    {
        // Only a reviewer of the handling office's region: not the intake desk, not an integrator, not a reviewer elsewhere.
        var caller = context.RequireOfficeRole(OfficeRoles.Reviewer, logger);
        var id = ParseId(request.ComplaintId);
        var row = await WithDatabase(() => store.FindAsync(id, context.CancellationToken))
            ?? throw NotFound(id);
        if (!caller.CoversRegion(row.HandlingRegionCode))
        {
            throw Refuse(context, caller,
                $"region scope {RegionScope.Describe(caller.RegionScopeOf())} does not cover the handling office's region {RegionScope.Describe(row.HandlingRegionCode)}");
        }

        var entry = new AuditEntry(id, AuditActions.IdentityRead, AuditActor.FromCall(context), new Dictionary<string, string>
        {
            ["fields"] = IdentityFields,
            ["handling_region_code"] = row.HandlingRegionCode,
        });
        (ReporterIdentity Identity, long AuditEntryId)? read;
        try
        {
            read = await WithDatabase(() => queries.ReadSealedIdentityAsync(id, sealedIdentity => protector.Open(id, sealedIdentity), entry, context.CancellationToken));
        }
        catch (ReporterIdentityUnreadableException ex)
        {
            logger.LogError("Reporter identity of complaint {ComplaintId} cannot be opened: {Reason}", id, ex.Reason);
            throw new RpcException(new Status(StatusCode.Internal, "The reporter identity of this complaint cannot be opened; nothing was read."));
        }
        if (read is not { } opened)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"complaint_id: complaint {id} holds no reporter identity"));
        }
        logger.LogInformation("Reporter identity of complaint {ComplaintId} read by client {ClientId} (audit entry {AuditEntryId})",
            id, caller.OfficeClientId(), opened.AuditEntryId);
        return new ReporterIdentityReply
        {
            ComplaintId = id.ToString(),
            Reporter = ComplaintQueryReplies.ToReporter(opened.Identity, row.ReporterCategory),
            AuditEntryId = opened.AuditEntryId,
        };
    }

    public override async Task<ListAuditEntriesReply> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        var caller = context.RequireAuthenticated(logger);
        var row = await FindInScopeAsync(request.ComplaintId, context, caller);
        RequireComplaintScope(context, caller, row);
        var entries = await WithDatabase(() => audit.ListAsync(row.Id, context.CancellationToken));
        var reply = new ListAuditEntriesReply();
        reply.Entries.Add(entries.Select(ComplaintQueryReplies.ToAuditEntry));
        return reply;
    }

    private async Task<ComplaintRow> FindInScopeAsync(string complaintId, ServerCallContext context, ClaimsPrincipal caller)
    {
        var id = ParseId(complaintId);
        return await WithDatabase(() => store.FindAsync(id, context.CancellationToken)) ?? throw NotFound(id);
    }

    // GetComplaint's rule: the scope covers where it happened or the handling office's region.
    private void RequireComplaintScope(ServerCallContext context, ClaimsPrincipal caller, ComplaintRow row)
    {
        if (!caller.CoversRegion(row.HandlingRegionCode) && !caller.CoversRegion(row.RegionCode))
        {
            throw Refuse(context, caller,
                $"region scope {RegionScope.Describe(caller.RegionScopeOf())} covers neither region {row.RegionCode} nor the handling office's region {RegionScope.Describe(row.HandlingRegionCode)}");
        }
    }

    // A token without a well-formed scope sees nothing (fail closed), rather than being treated as national.
    private string ValidScope(ServerCallContext context, ClaimsPrincipal caller) =>
        caller.RegionScopeOf() is { } scope && RegionScope.IsValid(scope)
            ? scope
            : throw Refuse(context, caller, "the token carries no valid region scope");

    private RpcException Refuse(ServerCallContext context, ClaimsPrincipal caller, string reason)
    {
        logger.LogWarning("Refused {Method} for client {ClientId}: {Reason}", context.Method, caller.OfficeClientId(), reason);
        return new RpcException(new Status(StatusCode.PermissionDenied, $"Permission denied: {reason}."));
    }

    private static Guid ParseId(string complaintId) =>
        Guid.TryParse(complaintId, out var id) ? id : throw Invalid("complaint_id: must be a UUID");

    private static RpcException NotFound(Guid id) => new(new Status(StatusCode.NotFound, $"complaint_id: no complaint with id {id}"));

    private static RpcException Invalid(string detail) => new(new Status(StatusCode.InvalidArgument, detail));

    private static void ThrowIfInvalid(List<string> errors)
    {
        if (errors.Count > 0)
        {
            throw Invalid(string.Join("; ", errors));
        }
    }

    private Task<T> WithDatabase<T>(Func<Task<T>> action) =>
        logger.CallDatabaseAsync("complaints database", "Complaint query", action);
}
