using Oversight.RegionDirectory.Model.Offices;

namespace Oversight.RegionDirectory.Infrastructure.Offices;

// Dapper-facing shapes: dates travel as DateTime (Npgsql's default for date columns; SQL casts with ::date),
// so the domain records can keep DateOnly without a custom type handler.

internal sealed class OfficeRow
{
    public const string Columns = """
        id AS Id, kind AS Kind, region_code AS RegionCode, name AS Name, email AS Email, phone AS Phone,
        webhook_url AS WebhookUrl, address AS Address, opening_hours AS OpeningHours, open_from AS OpenFrom, open_until AS OpenUntil
        """;

    public Guid Id { get; set; }
    public string Kind { get; set; } = "";
    public string? RegionCode { get; set; }
    public string Name { get; set; } = "";
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? WebhookUrl { get; set; }
    public string? Address { get; set; }
    public string? OpeningHours { get; set; }
    public DateTime? OpenFrom { get; set; }
    public DateTime? OpenUntil { get; set; }

    public OfficeRecord ToRecord() => new()
    {
        Id = Id, Kind = Kind, RegionCode = RegionCode, Name = Name, Email = Email, Phone = Phone, WebhookUrl = WebhookUrl,
        Address = Address, OpeningHours = OpeningHours, OpenFrom = Dates.From(OpenFrom), OpenUntil = Dates.From(OpenUntil),
    };

    public static object Parameters(OfficeRecord o) => new
    {
        o.Id, o.Kind, o.RegionCode, o.Name, o.Email, o.Phone, o.WebhookUrl, o.Address, o.OpeningHours,
        OpenFrom = Dates.To(o.OpenFrom), OpenUntil = Dates.To(o.OpenUntil),
    };
}

internal sealed class OfficialRow
{
    public const string Columns = """
        id AS Id, region_code AS RegionCode, role AS Role, name AS Name, term_start AS TermStart, term_end AS TermEnd, note AS Note
        """;

    public Guid Id { get; set; }
    public string RegionCode { get; set; } = "";
    public string Role { get; set; } = "";
    public string Name { get; set; } = "";
    public DateTime TermStart { get; set; }
    public DateTime? TermEnd { get; set; }
    public string? Note { get; set; }

    public OfficialRecord ToRecord() => new()
    {
        Id = Id, RegionCode = RegionCode, Role = Role, Name = Name,
        TermStart = DateOnly.FromDateTime(TermStart), TermEnd = Dates.From(TermEnd), Note = Note,
    };

    public static object Parameters(OfficialRecord o) => new
    {
        o.Id, o.RegionCode, o.Role, o.Name, TermStart = Dates.To(o.TermStart), TermEnd = Dates.To(o.TermEnd), o.Note,
    };
}

internal static class Dates
{
    public static DateOnly? From(DateTime? value) => value is { } v ? DateOnly.FromDateTime(v) : null;

    public static DateTime? To(DateOnly? value) => value?.ToDateTime(TimeOnly.MinValue);

    public static DateTime To(DateOnly value) => value.ToDateTime(TimeOnly.MinValue);
}
