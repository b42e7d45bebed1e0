using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.RegionDirectory;

namespace Oversight.Notifications.Model.Routing;

/// <summary>An office to be told by e-mail, as the directory's routing names it.</summary>
/// <param name="Role">The routing role that picked it: bawaslu, complaint_desk, ppk, civil_service_agency, bkn, province.</param>
public sealed record EmailRecipient(string Address, string Name, string OfficeId, string Role);

/// <summary>
/// Who must know what (docs/domain.md), from the directory's routing answer: pure, so the rules are unit-tested.
/// Only offices' e-mail contacts are used; an office's webhook URL in the directory has no signing secret,
/// so integrators subscribe to webhooks instead.
/// </summary>
public static class RecipientRules
{
    public const string ComplaintDeskKind = "complaint_desk";

    /// <summary>A new complaint: the handling Bawaslu office and the region's complaint desks.</summary>
    public static IReadOnlyList<EmailRecipient> ForComplaintSubmitted(ComplaintRouting routing, IEnumerable<Office> regionOffices) =>
        Distinct(Contacts(routing, "bawaslu").Concat(BawasluOffice(routing)).Concat(
            regionOffices.Where(o => o.Kind == ComplaintDeskKind && o.Email.Length > 0)
                .Select(o => new EmailRecipient(o.Email, o.Name, o.Id, ComplaintDeskKind))));

    /// <summary>A recommendation: the PPK (through the regional government), the civil-service agency and BKN.</summary>
    public static IReadOnlyList<EmailRecipient> ForRecommendation(ComplaintRouting routing) =>
        Distinct(Contacts(routing, "ppk").Concat(Contacts(routing, "civil_service_agency")).Concat(Contacts(routing, "bkn")));

    /// <summary>
    /// A deadline approaching or missed: the office that owns it. A missed PPK deadline also goes to the
    /// province's Bawaslu (from <paramref name="provinceRouting"/>) and to BKN, who escalate.
    /// </summary>
    public static IReadOnlyList<EmailRecipient> ForDeadline(DeadlineEvent deadline, ComplaintRouting routing, ComplaintRouting? provinceRouting)
    {
        var owner = deadline.Owner switch
        {
            "bawaslu" => Contacts(routing, "bawaslu").Concat(BawasluOffice(routing)),
            "ppk" => Contacts(routing, "ppk"),
            "bkn" => Contacts(routing, "bkn"),
            _ => [],
        };
        if (deadline is DeadlineMissed && deadline.Owner == "ppk")
        {
            var province = provinceRouting is null ? [] : Contacts(provinceRouting, "bawaslu").Concat(BawasluOffice(provinceRouting))
                .Select(r => r with { Role = "province" });
            owner = owner.Concat(province).Concat(Contacts(routing, "bkn"));
        }
        return Distinct(owner);
    }

    /// <summary>The province a region belongs to ("52.71" → "52"); a province is its own.</summary>
    public static string ProvinceOf(string regionCode) => regionCode.Length >= 2 ? regionCode[..2] : regionCode;

    private static IEnumerable<EmailRecipient> Contacts(ComplaintRouting routing, string role) =>
        routing.Contacts.Where(c => c.Role == role && c.Channel == "email" && c.Address.Length > 0)
            .Select(c => new EmailRecipient(c.Address, c.OfficeName, c.OfficeId, role));

    private static IEnumerable<EmailRecipient> BawasluOffice(ComplaintRouting routing) =>
        routing.Bawaslu is { Email.Length: > 0 } office ? [new EmailRecipient(office.Email, office.Name, office.Id, "bawaslu")] : [];

    private static IReadOnlyList<EmailRecipient> Distinct(IEnumerable<EmailRecipient> recipients) =>
        recipients.DistinctBy(r => r.Address.Trim().ToLowerInvariant()).ToList();
}
