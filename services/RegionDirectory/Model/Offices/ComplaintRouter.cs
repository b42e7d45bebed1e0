namespace Oversight.RegionDirectory.Model.Offices;

/// <summary>
/// Decides who handles an ASN-neutrality complaint, over data in memory (no I/O, so every rule is unit-tested):
/// Bawaslu of the region where it happened, the PPK and civil-service agency of the region whose government
/// employs the accused, and BKN. Each role climbs the region tree when the region itself has nobody, and says so.
/// </summary>
public static class ComplaintRouter
{
    public static RoutingDecision Route(RoutingInput input)
    {
        if (input.RegionChain.Count == 0 || input.EmployingChain.Count == 0)
        {
            throw new ArgumentException("Each region chain starts with the region itself.", nameof(input));
        }
        var fallbacks = new List<RoutingFallback>();

        var bawaslu = ClimbForOffice(input, input.RegionChain, OfficeKind.Bawaslu, RoutingRole.Bawaslu, fallbacks);
        var ppk = ClimbForPpk(input, fallbacks);
        var agency = ClimbForOffice(input, input.EmployingChain, OfficeKind.CivilServiceAgency, RoutingRole.CivilServiceAgency, fallbacks);
        var bkn = First(input.Offices.Where(o => o.Kind == OfficeKind.Bkn && o.RegionCode is null));
        if (bkn is null)
        {
            fallbacks.Add(new RoutingFallback(RoutingRole.Bkn, "", null, FallbackReason.NotFound, "no national BKN office in the directory"));
        }

        // The PPK is reached through the regional government's office of the region they head.
        var ppkOffice = ppk is null ? null : First(OfficesOf(input, ppk.RegionCode, OfficeKind.RegionalGovernment));
        var contacts = new List<RoutingContact>();
        AddContacts(contacts, RoutingRole.Bawaslu, bawaslu);
        AddContacts(contacts, RoutingRole.Ppk, ppkOffice);
        AddContacts(contacts, RoutingRole.CivilServiceAgency, agency);
        AddContacts(contacts, RoutingRole.Bkn, bkn);

        return new RoutingDecision
        {
            RegionCode = input.RegionChain[0],
            EmployingRegionCode = input.EmployingChain[0],
            Date = input.Date,
            Bawaslu = bawaslu,
            Ppk = ppk,
            CivilServiceAgency = agency,
            Bkn = bkn,
            Contacts = contacts,
            Fallbacks = fallbacks,
        };
    }

    /// <summary>
    /// The PPK of one region on a date: an explicit PPK designation; else the acting head (Pj or Pjs) in office,
    /// who outranks the incumbent on campaign leave; else the regional head. Null when none holds office.
    /// </summary>
    public static OfficialRecord? PpkOf(IEnumerable<OfficialRecord> officials, string regionCode, DateOnly date)
    {
        var inOffice = officials.Where(o => o.RegionCode == regionCode && o.InOfficeOn(date)).ToList();
        return Latest(inOffice.Where(o => o.Role == OfficialRole.PpkDesignation))
            ?? Latest(inOffice.Where(o => OfficialRole.IsActingHead(o.Role)))
            ?? Latest(inOffice.Where(o => o.Role == OfficialRole.RegionalHead));
    }

    private static OfficialRecord? ClimbForPpk(RoutingInput input, List<RoutingFallback> fallbacks)
    {
        var requested = input.EmployingChain[0];
        foreach (var code in input.EmployingChain)
        {
            if (PpkOf(input.Officials, code, input.Date) is not { } ppk) continue;
            if (code != requested)
            {
                fallbacks.Add(new RoutingFallback(RoutingRole.Ppk, requested, code, FallbackReason.NoOfficialOnDate,
                    $"no PPK designation, acting head or regional head of {requested} in office on {input.Date:yyyy-MM-dd}; using {code}'s"));
            }
            return ppk;
        }
        fallbacks.Add(new RoutingFallback(RoutingRole.Ppk, requested, null, FallbackReason.NotFound,
            $"no PPK designation, acting head or regional head in office on {input.Date:yyyy-MM-dd} in {requested} or above"));
        return null;
    }

    private static OfficeRecord? ClimbForOffice(RoutingInput input, IReadOnlyList<string> chain, string kind, string role, List<RoutingFallback> fallbacks)
    {
        var requested = chain[0];
        foreach (var code in chain)
        {
            if (First(OfficesOf(input, code, kind)) is not { } office) continue;
            if (code != requested)
            {
                fallbacks.Add(new RoutingFallback(role, requested, code, FallbackReason.NoOfficeInRegion,
                    $"no {kind} office in {requested}; using {code}'s"));
            }
            return office;
        }
        fallbacks.Add(new RoutingFallback(role, requested, null, FallbackReason.NotFound, $"no {kind} office in {requested} or above"));
        return null;
    }

    private static IEnumerable<OfficeRecord> OfficesOf(RoutingInput input, string regionCode, string kind) =>
        input.Offices.Where(o => o.RegionCode == regionCode && o.Kind == kind);

    // Several offices of one kind in a region are an admin's business; pick one the same way every time.
    private static OfficeRecord? First(IEnumerable<OfficeRecord> offices) =>
        offices.OrderBy(o => o.Name, StringComparer.Ordinal).ThenBy(o => o.Id).FirstOrDefault();

    // Overlapping terms in one role: the most recently started one is the current appointment.
    private static OfficialRecord? Latest(IEnumerable<OfficialRecord> officials) =>
        officials.OrderByDescending(o => o.TermStart).ThenBy(o => o.Id).FirstOrDefault();

    private static void AddContacts(List<RoutingContact> contacts, string role, OfficeRecord? office)
    {
        if (office is null) return;
        if (office.Email is { } email) contacts.Add(new RoutingContact(role, office.Id, office.Name, RoutingContact.Email, email));
        if (office.WebhookUrl is { } url) contacts.Add(new RoutingContact(role, office.Id, office.Name, RoutingContact.Webhook, url));
    }
}
