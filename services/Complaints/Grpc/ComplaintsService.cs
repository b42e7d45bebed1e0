using Grpc.Core;
using Npgsql;
using Oversight.Complaints.Infrastructure;
using Oversight.Complaints.Model;
using Oversight.Contracts.Complaints;
using Oversight.Contracts.IntegrationEvents;
using Oversight.ServiceDefaults.Authentication;

namespace Oversight.Complaints.Grpc;

public sealed class ComplaintsService(
    ComplaintStore store,
    HandlingOfficeRouter router,
    ILogger<ComplaintsService> logger) : Contracts.Complaints.Complaints.ComplaintsBase
{
    public override async Task<SubmitComplaintReply> SubmitComplaint(SubmitComplaintRequest request, ServerCallContext context)
    {
        // A desk's intake officer, for a region within its scope: the role first, the scope once the code is valid.
        context.RequireOfficeRole(OfficeRoles.IntakeOfficer, logger);
        var errors = ComplaintRules.Validate(request);
        if (errors.Count > 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, string.Join("; ", errors)));
        }
        context.RequireOfficeRole(OfficeRoles.IntakeOfficer, request.RegionCode, logger);

        var handlingOffice = await router.HandlingOfficeForAsync(request.RegionCode, context.CancellationToken);
        var complaint = new ComplaintRecord
        {
            Id = Guid.CreateVersion7(),
            RegionCode = request.RegionCode,
            ViolationType = request.ViolationType,
            Description = request.Description,
            HandlingOffice = handlingOffice,
            Status = ComplaintRecord.Received,
            ReceivedAt = DateTime.UtcNow,
        };
        var submitted = new ComplaintSubmitted
        {
            ComplaintId = complaint.Id,
            RegionCode = complaint.RegionCode,
            ViolationType = complaint.ViolationType,
            HandlingOffice = complaint.HandlingOffice,
            OccurredAt = complaint.ReceivedAt,
        };

        await WithDatabase(() => store.AddAsync(complaint, submitted, context.CancellationToken));
        logger.LogInformation("Complaint {ComplaintId} received for region {RegionCode}", complaint.Id, complaint.RegionCode);

        return new SubmitComplaintReply
        {
            ComplaintId = complaint.Id.ToString(),
            RegionCode = complaint.RegionCode,
            HandlingOffice = complaint.HandlingOffice,
        };
    }

    public override async Task<Complaint> GetComplaint(GetComplaintRequest request, ServerCallContext context)
    {
        if (!Guid.TryParse(request.ComplaintId, out var id))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "complaint_id: must be a UUID"));
        }

        var complaint = await WithDatabase(() => store.FindAsync(id, context.CancellationToken))
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"complaint_id: no complaint with id {id}"));

        return new Complaint
        {
            ComplaintId = complaint.Id.ToString(),
            RegionCode = complaint.RegionCode,
            ViolationType = complaint.ViolationType,
            Description = complaint.Description,
            HandlingOffice = complaint.HandlingOffice,
            Status = complaint.Status,
            ReceivedAt = DateTime.SpecifyKind(complaint.ReceivedAt, DateTimeKind.Utc).ToString("O"),
        };
    }

    private Task WithDatabase(Func<Task> action) => WithDatabase(async () => { await action(); return true; });

    private async Task<T> WithDatabase<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            logger.LogWarning("Complaints database unavailable: {Reason}", ex.Message);
            throw new RpcException(new Status(StatusCode.Unavailable, "The complaints database is unavailable."));
        }
    }
}
