using Grpc.Core;
using Oversight.Contracts.RegionDirectory;
using Oversight.RegionDirectory.Model;
using Oversight.RegionDirectory.Model.Calendar;
using Oversight.RegionDirectory.Model.Offices;
using Oversight.Regions;
using Oversight.Security.Authentication;

namespace Oversight.RegionDirectory.Grpc;

public sealed partial class RegionDirectoryService
{
    public override async Task<ComplaintRouting> RouteComplaint(RouteComplaintRequest request, ServerCallContext context)
    {
        context.RequireAuthenticated(logger);
        var errors = new ValidationErrors();
        if (!RegionCode.IsValid(request.RegionCode)) errors.Add("region_code", $"malformed ({RegionCode.Rule})");
        var employing = request.EmployingRegionCode.Length > 0 ? request.EmployingRegionCode : request.RegionCode;
        if (request.EmployingRegionCode.Length > 0 && !RegionCode.IsValid(request.EmployingRegionCode))
        {
            errors.Add("employing_region_code", $"malformed ({RegionCode.Rule})");
        }
        // Today in WIB, like GetCampaignStatus; callers routing a past event pass its date.
        var date = IndonesianTime.Today(TimeProvider.System);
        if (request.Date.Length > 0 && !IndonesianTime.TryParse(request.Date, out date)) errors.Add("date", IndonesianTime.DateRule);
        if (errors.Any) throw Invalid(errors);
        // Any office of the region (or above) may ask; the answer names public offices and office holders only.
        context.RequireRegionScope(request.RegionCode, logger);

        var lookup = await WithDatabaseAsync("Complaint routing", () =>
            routing.RouteAsync(request.RegionCode, employing, date, context.CancellationToken));
        if (lookup.Decision is not { } decision)
        {
            var field = lookup.UnknownRegionCode == request.RegionCode ? "region_code" : "employing_region_code";
            throw UnknownRegion(field, lookup.UnknownRegionCode ?? request.RegionCode);
        }
        return ToMessage(decision);
    }

    private static ComplaintRouting ToMessage(RoutingDecision decision)
    {
        var message = new ComplaintRouting
        {
            RegionCode = decision.RegionCode,
            EmployingRegionCode = decision.EmployingRegionCode,
            Date = IndonesianTime.Format(decision.Date),
            Bawaslu = decision.Bawaslu is { } bawaslu ? ToMessage(bawaslu) : null,
            Ppk = decision.Ppk is { } ppk ? ToMessage(ppk) : null,
            CivilServiceAgency = decision.CivilServiceAgency is { } agency ? ToMessage(agency) : null,
            Bkn = decision.Bkn is { } bkn ? ToMessage(bkn) : null,
        };
        message.Contacts.AddRange(decision.Contacts.Select(c => new Contracts.RegionDirectory.RoutingContact
        {
            Role = c.Role,
            OfficeId = c.OfficeId.ToString(),
            OfficeName = c.OfficeName,
            Channel = c.Channel,
            Address = c.Address,
        }));
        message.Fallbacks.AddRange(decision.Fallbacks.Select(f => new Contracts.RegionDirectory.RoutingFallback
        {
            Role = f.Role,
            RequestedRegionCode = f.RequestedRegionCode,
            UsedRegionCode = f.UsedRegionCode ?? "",
            Reason = f.Reason,
            Detail = f.Detail,
        }));
        return message;
    }
}
