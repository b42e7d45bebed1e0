using System.Text.Json;
using Oversight.RegionDirectory.Model.Offices;

namespace Oversight.RegionDirectory.Infrastructure.Offices;

/// <summary>The embedded offices-seed.json, checked by the same rules as an admin's input.</summary>
public static class OfficeSeedData
{
    public const string ResourceName = "offices-seed.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static (IReadOnlyList<OfficeRecord> Offices, IReadOnlyList<OfficialRecord> Officials) Load() =>
        Parse(Oversight.ServiceDefaults.EmbeddedText.Read(typeof(OfficeSeedData).Assembly, ResourceName));

    /// <summary>Parses and validates; a bad row is a bug in the shipped file, so it throws naming the row.</summary>
    public static (IReadOnlyList<OfficeRecord> Offices, IReadOnlyList<OfficialRecord> Officials) Parse(string json)
    {
        var file = JsonSerializer.Deserialize<SeedFile>(json, Json) ?? throw new InvalidDataException("offices seed: empty file");
        var offices = file.Offices.Select(o => Valid(OfficeValidation.Validate(o.ToInput()), $"office {o.Id}")).ToList();
        var officials = file.Officials.Select(o => Valid(OfficialValidation.Validate(o.ToInput()), $"official {o.Id}")).ToList();
        return (offices, officials);
    }

    private static T Valid<T>((T? Record, ValidationErrors Errors) result, string row) where T : class =>
        result.Record ?? throw new InvalidDataException($"offices seed, {row}: {result.Errors}");

    private sealed record SeedFile(List<SeedOffice> Offices, List<SeedOfficial> Officials);

    // Ids must be given: a stable id is what keeps the seed from inserting a row twice.
    private sealed record SeedOffice(string Id, string Kind, string RegionCode, string Name, string? Email, string? Phone,
        string? WebhookUrl, string? Address, string? OpeningHours, string? OpenFrom, string? OpenUntil)
    {
        public OfficeInput ToInput() => new(RequireId(Id), Kind, RegionCode, Name, Email ?? "", Phone ?? "", WebhookUrl ?? "",
            Address ?? "", OpeningHours ?? "", OpenFrom ?? "", OpenUntil ?? "");
    }

    private sealed record SeedOfficial(string Id, string RegionCode, string Role, string Name, string TermStart, string? TermEnd, string? Note)
    {
        public OfficialInput ToInput() => new(RequireId(Id), RegionCode, Role, Name, TermStart, TermEnd ?? "", Note ?? "");
    }

    private static string RequireId(string? id) =>
        string.IsNullOrEmpty(id) ? throw new InvalidDataException("offices seed: every row needs a stable id") : id;
}
