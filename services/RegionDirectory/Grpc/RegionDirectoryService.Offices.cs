using Grpc.Core;
using Oversight.Contracts.RegionDirectory;
using Oversight.RegionDirectory.Infrastructure.Offices;
using Oversight.RegionDirectory.Model;
using Oversight.RegionDirectory.Model.Calendar;
using Oversight.RegionDirectory.Model.Offices;
using Oversight.Regions;
using Oversight.Security.Authentication;

namespace Oversight.RegionDirectory.Grpc;

public sealed partial class RegionDirectoryService
{
    public override async Task<OfficeList> ListOffices(ListOfficesRequest request, ServerCallContext context)
    {
        context.RequireAuthenticated(logger);
        if (request.RegionCode.Length > 0) RequireWellFormedRegion("region_code", request.RegionCode);
        // The national offices alone (BKN) are every office's business; a subtree only its own.
        if (request.RegionCode.Length > 0 || request.IncludeDescendants) context.RequireRegionScope(request.RegionCode, logger);

        var found = await WithDatabaseAsync("Listing offices", () =>
            offices.ListOfficesAsync(request.RegionCode, request.IncludeDescendants, context.CancellationToken));
        if (found is null) throw UnknownRegion("region_code", request.RegionCode);

        var list = new OfficeList();
        list.Offices.AddRange(found.Select(ToMessage));
        return list;
    }

    public override async Task<Office> GetOffice(GetOfficeRequest request, ServerCallContext context)
    {
        context.RequireAuthenticated(logger);
        var id = RequireId(request.Id);
        var office = await WithDatabaseAsync("Office lookup", () => offices.FindOfficeAsync(id, context.CancellationToken));
        if (office is null) throw NoSuch("office", id);
        if (office.RegionCode is { } region) context.RequireRegionScope(region, logger);
        return ToMessage(office);
    }

    public override async Task<Office> UpsertOffice(UpsertOfficeRequest request, ServerCallContext context)
    {
        context.RequireOfficeRole(OfficeRoles.Admin, logger);
        var o = request.Office ?? new Office();
        var (office, errors) = OfficeValidation.Validate(new OfficeInput(o.Id, o.Kind, o.RegionCode, o.Name, o.Email, o.Phone,
            o.WebhookUrl, o.Address, o.OpeningHours, o.OpenFrom, o.OpenUntil));
        if (office is null) throw Invalid(errors);
        RequireAdminOf(context, office.RegionCode);

        var outcome = await WithDatabaseAsync("Office write", () =>
            officeStore.UpsertOfficeAsync(office, existing => RequireAdminOf(context, existing), context.CancellationToken));
        return outcome == WriteOutcome.UnknownRegion ? throw UnknownRegion("region_code", office.RegionCode!) : ToMessage(office);
    }

    public override async Task<DeleteReply> DeleteOffice(DeleteOfficeRequest request, ServerCallContext context)
    {
        context.RequireOfficeRole(OfficeRoles.Admin, logger);
        var id = RequireId(request.Id);
        var outcome = await WithDatabaseAsync("Office delete", () =>
            officeStore.DeleteOfficeAsync(id, existing => RequireAdminOf(context, existing), context.CancellationToken));
        return outcome == WriteOutcome.NotFound ? throw NoSuch("office", id) : new DeleteReply { Id = id.ToString() };
    }

    public override async Task<OfficialList> ListOfficials(ListOfficialsRequest request, ServerCallContext context)
    {
        context.RequireAuthenticated(logger);
        var errors = new ValidationErrors();
        if (!RegionCode.IsValid(request.RegionCode)) errors.Add("region_code", $"malformed ({RegionCode.Rule})");
        DateOnly? onDate = null;
        if (request.OnDate.Length > 0)
        {
            if (IndonesianTime.TryParse(request.OnDate, out var date)) onDate = date;
            else errors.Add("on_date", IndonesianTime.DateRule);
        }
        if (errors.Any) throw Invalid(errors);
        context.RequireRegionScope(request.RegionCode, logger);

        var found = await WithDatabaseAsync("Listing officials", () =>
            offices.ListOfficialsAsync(request.RegionCode, onDate, context.CancellationToken));
        if (found is null) throw UnknownRegion("region_code", request.RegionCode);

        var list = new OfficialList();
        list.Officials.AddRange(found.Select(ToMessage));
        return list;
    }

    public override async Task<Official> UpsertOfficial(UpsertOfficialRequest request, ServerCallContext context)
    {
        context.RequireOfficeRole(OfficeRoles.Admin, logger);
        var o = request.Official ?? new Official();
        var (official, errors) = OfficialValidation.Validate(new OfficialInput(o.Id, o.RegionCode, o.Role, o.Name, o.TermStart, o.TermEnd, o.Note));
        if (official is null) throw Invalid(errors);
        RequireAdminOf(context, official.RegionCode);

        var outcome = await WithDatabaseAsync("Official write", () =>
            officeStore.UpsertOfficialAsync(official, existing => RequireAdminOf(context, existing), context.CancellationToken));
        return outcome == WriteOutcome.UnknownRegion ? throw UnknownRegion("region_code", official.RegionCode) : ToMessage(official);
    }

    public override async Task<DeleteReply> DeleteOfficial(DeleteOfficialRequest request, ServerCallContext context)
    {
        context.RequireOfficeRole(OfficeRoles.Admin, logger);
        var id = RequireId(request.Id);
        var outcome = await WithDatabaseAsync("Official delete", () =>
            officeStore.DeleteOfficialAsync(id, existing => RequireAdminOf(context, existing), context.CancellationToken));
        return outcome == WriteOutcome.NotFound ? throw NoSuch("official", id) : new DeleteReply { Id = id.ToString() };
    }

    // Writes need an admin whose scope covers the region written (national offices: a national admin).
    private void RequireAdminOf(ServerCallContext context, string? regionCode) =>
        context.RequireOfficeRole(OfficeRoles.Admin, regionCode ?? RegionScope.National, logger);

    private static Guid RequireId(string id) =>
        Guid.TryParse(id, out var parsed) ? parsed : throw new RpcException(new Status(StatusCode.InvalidArgument, "id: must be a UUID"));

    private static void RequireWellFormedRegion(string field, string code)
    {
        if (!RegionCode.IsValid(code)) throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field}: malformed ({RegionCode.Rule})"));
    }

    private static RpcException Invalid(ValidationErrors errors) => new(new Status(StatusCode.InvalidArgument, errors.ToString()));

    // A well-formed code naming no region is NotFound everywhere (reads and writes), as GetRegion does.
    private static RpcException UnknownRegion(string field, string code) =>
        new(new Status(StatusCode.NotFound, $"{field}: no region with code {code}"));

    private static RpcException NoSuch(string what, Guid id) => new(new Status(StatusCode.NotFound, $"id: no {what} with id {id}"));

    internal static Office ToMessage(OfficeRecord office) => new()
    {
        Id = office.Id.ToString(),
        Kind = office.Kind,
        RegionCode = office.RegionCode ?? "",
        Name = office.Name,
        Email = office.Email ?? "",
        Phone = office.Phone ?? "",
        WebhookUrl = office.WebhookUrl ?? "",
        Address = office.Address ?? "",
        OpeningHours = office.OpeningHours ?? "",
        OpenFrom = office.OpenFrom is { } from ? IndonesianTime.Format(from) : "",
        OpenUntil = office.OpenUntil is { } until ? IndonesianTime.Format(until) : "",
    };

    internal static Official ToMessage(OfficialRecord official) => new()
    {
        Id = official.Id.ToString(),
        RegionCode = official.RegionCode,
        Role = official.Role,
        Name = official.Name,
        TermStart = IndonesianTime.Format(official.TermStart),
        TermEnd = official.TermEnd is { } end ? IndonesianTime.Format(end) : "",
        Note = official.Note ?? "",
    };
}
