using Oversight.RegionDirectory.Model.Calendar;
using Oversight.Regions;

namespace Oversight.RegionDirectory.Model.Offices;

/// <summary>Turns wire strings (where "" means absent) into trimmed values, recording what is wrong.</summary>
internal static class TextFields
{
    public static string? Optional(string? text, string field, int maxLength, ValidationErrors errors)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Length > maxLength) errors.Add(field, $"must be at most {maxLength} characters");
        return trimmed;
    }

    public static string Required(string? text, string field, int maxLength, ValidationErrors errors)
    {
        var value = Optional(text, field, maxLength, errors);
        if (value is null) errors.Add(field, "is required");
        return value ?? "";
    }

    public static DateOnly? OptionalDate(string? text, string field, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (IndonesianTime.TryParse(text, out var date)) return date;
        errors.Add(field, IndonesianTime.DateRule);
        return null;
    }

    /// <summary>"" asks for a new id; anything else must be a UUID.</summary>
    public static Guid IdOrNew(string? text, string field, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(text)) return Guid.CreateVersion7();
        if (Guid.TryParse(text, out var id)) return id;
        errors.Add(field, "must be a UUID, or empty to create a new record");
        return Guid.Empty;
    }
}
