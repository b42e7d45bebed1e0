using Microsoft.AspNetCore.Authorization;
using Grpc.Core;
using Npgsql;
using Oversight.Contracts.RegionDirectory;
using Oversight.RegionDirectory.Model;
using Oversight.RegionDirectory.Model.Calendar;
using Oversight.Regions;

namespace Oversight.RegionDirectory.Grpc;

public sealed partial class RegionDirectoryService
{
    [AllowAnonymous]
    public override Task<ElectionCalendar> GetElectionCalendar(GetElectionCalendarRequest request, ServerCallContext context)
    {
        var calendar = ElectionSchedule.Find(request.ElectionId)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"election_id: no election calendar with id {request.ElectionId}"));

        var message = new ElectionCalendar { ElectionId = calendar.ElectionId, Regulation = calendar.Regulation };
        message.Stages.AddRange(calendar.Stages.Select(s => new ElectionStage
        {
            Id = s.Id,
            Name = s.Name,
            NameEn = s.NameEn,
            StartDate = IndonesianTime.Format(s.Start),
            EndDate = IndonesianTime.Format(s.End),
        }));
        return Task.FromResult(message);
    }

    [AllowAnonymous]

    public override async Task<CampaignStatus> GetCampaignStatus(GetCampaignStatusRequest request, ServerCallContext context)
    {
        var errors = new List<string>();
        if (!RegionCode.IsValid(request.Code)) errors.Add($"code: {RegionCode.Rule}");
        var date = IndonesianTime.Today(TimeProvider.System);
        if (request.Date.Length > 0 && !IndonesianTime.TryParse(request.Date, out date)) errors.Add($"date: {IndonesianTime.DateRule}");
        if (errors.Count > 0) throw new RpcException(new Status(StatusCode.InvalidArgument, string.Join("; ", errors)));

        var region = await WithDatabaseAsync("Campaign status lookup", () => regions.FindAsync(request.Code, context.CancellationToken));
        if (region is null) throw UnknownCode(request.Code);

        var calendar = ElectionSchedule.Pilkada2024;
        var kind = region.Kind.Length > 0 ? region.Kind : RegionCode.KindOf(region.Code);
        var (holds, office) = calendar.HoldsElection(region.Code, kind);

        var status = new CampaignStatus
        {
            Code = region.Code,
            Date = IndonesianTime.Format(date),
            HoldsElection = holds,
            Office = office ?? "",
            InCampaignPeriod = calendar.IsInCampaignPeriod(region.Code, kind, date),
            ElectionId = calendar.ElectionId,
        };
        status.Stages.AddRange(calendar.StagesOn(date).Select(s => s.Id));
        return status;
    }
}
