using Oversight.Regions;

namespace Oversight.RegionDirectory.Model.Offices;

/// <summary>Checks an official as sent and turns it into a record; every broken rule is named with its field.</summary>
public static class OfficialValidation
{
    public const int MaxNameLength = 200;
    public const int MaxNoteLength = 500;

    public static (OfficialRecord? Official, ValidationErrors Errors) Validate(OfficialInput input)
    {
        var errors = new ValidationErrors();
        var id = TextFields.IdOrNew(input.Id, "id", errors);

        var regionCode = input.RegionCode.Trim();
        if (regionCode.Length == 0) errors.Add("region_code", "is required");
        else if (!RegionCode.IsValid(regionCode)) errors.Add("region_code", $"malformed ({RegionCode.Rule})");

        var role = input.Role.Trim();
        if (!OfficialRole.IsKnown(role))
        {
            errors.Add("role", $"unknown official role '{input.Role}' (expected one of {string.Join(", ", OfficialRole.All)})");
        }

        var name = TextFields.Required(input.Name, "name", MaxNameLength, errors);
        var note = TextFields.Optional(input.Note, "note", MaxNoteLength, errors);

        if (input.TermStart.Length == 0) errors.Add("term_start", "is required");
        var termStart = TextFields.OptionalDate(input.TermStart, "term_start", errors);
        var termEnd = TextFields.OptionalDate(input.TermEnd, "term_end", errors);
        if (termStart is not null && termEnd is not null && termEnd < termStart) errors.Add("term_end", "before term_start");
        // A Pjs only stands in for a leave, and a leave ends; an open-ended Pjs would outrank the returning head forever.
        if (role == OfficialRole.ActingHeadPjs && input.TermEnd.Length == 0)
        {
            errors.Add("term_end", "is required for a Pjs (the end of the incumbent's leave)");
        }

        if (errors.Any) return (null, errors);
        return (new OfficialRecord
        {
            Id = id,
            RegionCode = regionCode,
            Role = role,
            Name = name,
            TermStart = termStart!.Value,
            TermEnd = termEnd,
            Note = note,
        }, errors);
    }
}
