using Oversight.Regions;

namespace Oversight.RegionDirectory.Model.Offices;

/// <summary>Checks an office as sent and turns it into a record; every broken rule is named with its field.</summary>
public static class OfficeValidation
{
    public const int MaxNameLength = 200;
    public const int MaxAddressLength = 500;
    public const int MaxOpeningHoursLength = 200;

    public static (OfficeRecord? Office, ValidationErrors Errors) Validate(OfficeInput input)
    {
        var errors = new ValidationErrors();
        var id = TextFields.IdOrNew(input.Id, "id", errors);

        var kind = input.Kind.Trim();
        if (!OfficeKind.IsKnown(kind))
        {
            errors.Add("kind", $"unknown office kind '{input.Kind}' (expected one of {string.Join(", ", OfficeKind.All)})");
        }

        var regionCode = input.RegionCode.Trim();
        if (OfficeKind.IsNational(kind))
        {
            if (regionCode.Length > 0) errors.Add("region_code", $"must be empty for a national office ({kind})");
        }
        else if (regionCode.Length == 0)
        {
            errors.Add("region_code", "is required for a regional office");
        }
        else if (!RegionCode.IsValid(regionCode))
        {
            errors.Add("region_code", $"malformed ({RegionCode.Rule})");
        }

        var name = TextFields.Required(input.Name, "name", MaxNameLength, errors);
        var email = TextFields.Optional(input.Email, "email", ContactRules.MaxEmailLength, errors);
        if (email is not null && ContactRules.CheckEmail(email) is { } emailRule) errors.Add("email", emailRule);
        var phone = TextFields.Optional(input.Phone, "phone", 40, errors);
        if (phone is not null && ContactRules.CheckPhone(phone) is { } phoneRule) errors.Add("phone", phoneRule);
        var webhook = TextFields.Optional(input.WebhookUrl, "webhook_url", 2000, errors);
        if (webhook is not null && ContactRules.CheckWebhookUrl(webhook) is { } urlRule) errors.Add("webhook_url", urlRule);
        var address = TextFields.Optional(input.Address, "address", MaxAddressLength, errors);

        var openingHours = TextFields.Optional(input.OpeningHours, "opening_hours", MaxOpeningHoursLength, errors);
        var openFrom = TextFields.OptionalDate(input.OpenFrom, "open_from", errors);
        var openUntil = TextFields.OptionalDate(input.OpenUntil, "open_until", errors);
        CheckDeskFields(kind, openingHours, openFrom, openUntil, input, errors);

        if (errors.Any) return (null, errors);
        return (new OfficeRecord
        {
            Id = id,
            Kind = kind,
            RegionCode = OfficeKind.IsNational(kind) ? null : regionCode,
            Name = name,
            Email = email,
            Phone = phone,
            WebhookUrl = webhook,
            Address = address,
            OpeningHours = openingHours,
            OpenFrom = openFrom,
            OpenUntil = openUntil,
        }, errors);
    }

    // Opening hours and period describe a desk; on other offices they would be silently meaningless.
    private static void CheckDeskFields(string kind, string? hours, DateOnly? from, DateOnly? until, OfficeInput input, ValidationErrors errors)
    {
        if (kind != OfficeKind.ComplaintDesk)
        {
            if (hours is not null) errors.Add("opening_hours", "only a complaint desk has opening hours");
            if (input.OpenFrom.Length > 0) errors.Add("open_from", "only a complaint desk has an opening period");
            if (input.OpenUntil.Length > 0) errors.Add("open_until", "only a complaint desk has an opening period");
            return;
        }
        if (input.OpenFrom.Length == 0) errors.Add("open_from", "is required for a complaint desk");
        if (from is not null && until is not null && until < from) errors.Add("open_until", "before open_from");
    }
}
