namespace Oversight.RegionDirectory.Model.Offices;

/// <summary>The roles a routing answer fills, as sent over the wire.</summary>
public static class RoutingRole
{
    public const string Bawaslu = "bawaslu";
    public const string Ppk = "ppk";
    public const string CivilServiceAgency = "civil_service_agency";
    public const string Bkn = "bkn";
}

/// <summary>Why a role was not filled from the requested region.</summary>
public static class FallbackReason
{
    /// <summary>The requested region has no office of the kind; an ancestor's was used.</summary>
    public const string NoOfficeInRegion = "no_office_in_region";

    /// <summary>No PPK, acting head or regional head in office on the date; an ancestor's official was used.</summary>
    public const string NoOfficialOnDate = "no_official_on_date";

    /// <summary>Nothing in the region or anywhere above it: the role is left empty.</summary>
    public const string NotFound = "not_found";
}

/// <summary>A fallback, structurally: which role, the region asked for, the region used (null when none), and why.</summary>
public sealed record RoutingFallback(string Role, string RequestedRegionCode, string? UsedRegionCode, string Reason, string Detail);

/// <summary>Someone to notify: an office, a channel ("email" or "webhook") and the address on it.</summary>
public sealed record RoutingContact(string Role, Guid OfficeId, string OfficeName, string Channel, string Address)
{
    public const string Email = "email";
    public const string Webhook = "webhook";
}

/// <summary>Who handles a complaint about a region on a date. Any role may be null; a fallback then says why.</summary>
public sealed record RoutingDecision
{
    public required string RegionCode { get; init; }
    public required string EmployingRegionCode { get; init; }
    public required DateOnly Date { get; init; }
    public OfficeRecord? Bawaslu { get; init; }
    public OfficialRecord? Ppk { get; init; }
    public OfficeRecord? CivilServiceAgency { get; init; }
    public OfficeRecord? Bkn { get; init; }
    public required IReadOnlyList<RoutingContact> Contacts { get; init; }
    public required IReadOnlyList<RoutingFallback> Fallbacks { get; init; }
}
