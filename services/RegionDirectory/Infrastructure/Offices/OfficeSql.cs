namespace Oversight.RegionDirectory.Infrastructure.Offices;

/// <summary>The insert and update statements, shared by the admin writes and the seed.</summary>
internal static class OfficeSql
{
    private const string OfficeColumns = "id, kind, region_code, name, email, phone, webhook_url, address, opening_hours, open_from, open_until";

    private const string OfficeValues =
        "@Id, @Kind::text, @RegionCode::text, @Name::text, @Email::text, @Phone::text, @WebhookUrl::text, @Address::text, @OpeningHours::text, @OpenFrom::date, @OpenUntil::date";

    public const string UpsertOffice = $"""
        INSERT INTO offices ({OfficeColumns}) VALUES ({OfficeValues})
        ON CONFLICT (id) DO UPDATE SET
            kind = EXCLUDED.kind, region_code = EXCLUDED.region_code, name = EXCLUDED.name, email = EXCLUDED.email,
            phone = EXCLUDED.phone, webhook_url = EXCLUDED.webhook_url, address = EXCLUDED.address,
            opening_hours = EXCLUDED.opening_hours, open_from = EXCLUDED.open_from, open_until = EXCLUDED.open_until,
            updated_at = now()
        """;

    private const string OfficialColumns = "id, region_code, role, name, term_start, term_end, note";

    private const string OfficialValues = "@Id, @RegionCode::text, @Role::text, @Name::text, @TermStart::date, @TermEnd::date, @Note::text";

    public const string UpsertOfficial = $"""
        INSERT INTO officials ({OfficialColumns}) VALUES ({OfficialValues})
        ON CONFLICT (id) DO UPDATE SET
            region_code = EXCLUDED.region_code, role = EXCLUDED.role, name = EXCLUDED.name,
            term_start = EXCLUDED.term_start, term_end = EXCLUDED.term_end, note = EXCLUDED.note, updated_at = now()
        """;

    // Insert only the first time this seed id is seen: an admin's edit or deletion is not undone at the next start.
    private const string FirstTime = "WITH first_time AS (INSERT INTO directory_seed_applied (id) VALUES (@Id) ON CONFLICT (id) DO NOTHING RETURNING id)";

    public const string SeedOffice = $"""
        {FirstTime}
        INSERT INTO offices ({OfficeColumns}) SELECT {OfficeValues} FROM first_time
        ON CONFLICT (id) DO NOTHING
        """;

    public const string SeedOfficial = $"""
        {FirstTime}
        INSERT INTO officials ({OfficialColumns}) SELECT {OfficialValues} FROM first_time
        ON CONFLICT (id) DO NOTHING
        """;
}
