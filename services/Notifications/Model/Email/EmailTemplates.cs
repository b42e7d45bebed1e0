using System.Globalization;
using System.Net;
using System.Text;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Regions;
using Oversight.Notifications.Model.Routing;

namespace Oversight.Notifications.Model.Email;

/// <summary>A rendered message, stored with its delivery so that every attempt sends the same text.</summary>
public sealed record EmailContent(string To, string ToName, string Subject, string Text, string Html, string Link = "");

/// <summary>
/// The e-mail templates, in Bahasa Indonesia (<c>id</c>) with an English variant (<c>en</c>), each as plain text and
/// HTML. Every message names the complaint's registration number (when it has one), its id as the reference, and a
/// link to it. Events carry no reporter data, so no message can contain any.
/// </summary>
public static class EmailTemplates
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The message for <paramref name="recipient"/>, or null for an event type that is not e-mailed.</summary>
    public static EmailContent? Render(IntegrationEvent evt, EmailRecipient recipient, string language, string linkBaseUrl)
    {
        var en = language == "en";
        var (complaintId, registration) = evt switch
        {
            ComplaintSubmitted s => (s.ComplaintId, s.RegistrationNumber ?? s.State?.RegistrationNumber),
            ComplaintChange c => (c.ComplaintId, c.State?.RegistrationNumber),
            DeadlineEvent d => (d.ComplaintId, (string?)null),
            _ => (Guid.Empty, null),
        };
        if (complaintId == Guid.Empty) return null;

        var (headline, facts) = evt switch
        {
            ComplaintSubmitted s => (en ? "New complaint received" : "Pengaduan baru diterima", new List<(string, string)>
            {
                (en ? "Kind" : "Jenis", s.Kind),
                (en ? "Status" : "Status", s.Status),
                (en ? "Violation type" : "Jenis pelanggaran", s.ViolationType == 0 ? "-" : s.ViolationType.ToString(Invariant)),
                (en ? "Received" : "Diterima", Instant(s.ReceivedAt)),
                (en ? "Agency of the accused" : "Instansi terlapor", Or(s.AccusedAgency)),
            }),
            RecommendationIssued r => (en ? "Bawaslu recommendation issued" : "Rekomendasi Bawaslu diterbitkan", [
                (en ? "Letter number" : "Nomor surat", r.Reference),
                (en ? "Violation type" : "Jenis pelanggaran", r.ViolationType.ToString(Invariant)),
                (en ? "Sanction level" : "Tingkat sanksi", r.SanctionLevel),
                (en ? "Employing region" : "Wilayah instansi", Or(r.EmployingRegionCode)),
            ]),
            DeadlineMissed d => (en ? "Deadline missed" : "Tenggat waktu terlewati", DeadlineFacts(d, en)),
            DeadlineApproaching d => (en ? "Deadline approaching" : "Tenggat waktu mendekat", DeadlineFacts(d, en)),
            _ => (null, []),
        };
        if (headline is null) return null;

        var registrationText = registration ?? (en ? "(not registered yet)" : "(belum teregistrasi)");
        var link = $"{linkBaseUrl.TrimEnd('/')}/v1/complaints/{complaintId}";
        facts.InsertRange(0,
        [
            (en ? "Registration number" : "Nomor registrasi", registrationText),
            (en ? "Reference" : "Referensi", complaintId.ToString()),
            (en ? "Region" : "Wilayah", evt.RegionCode),
        ]);

        var subject = $"[Oversight] {headline}: {registration ?? complaintId.ToString()}";
        var greeting = en ? $"To {recipient.Name}," : $"Kepada {recipient.Name},";
        var footer = en
            ? "This message was sent by Oversight because the region directory names your office for this complaint. Do not reply to it."
            : "Pesan ini dikirim oleh Oversight karena direktori wilayah menunjuk kantor Anda untuk pengaduan ini. Mohon tidak membalas pesan ini.";
        var linkLabel = en ? "Open the complaint" : "Buka pengaduan";

        var text = new StringBuilder().AppendLine(greeting).AppendLine().AppendLine(headline).AppendLine();
        foreach (var (label, value) in facts) text.AppendLine($"{label}: {value}");
        text.AppendLine().AppendLine($"{linkLabel}: {link}").AppendLine().AppendLine(footer);

        var html = new StringBuilder()
            .Append($"<html lang=\"{(en ? "en" : "id")}\"><body><p>{Html(greeting)}</p><h2>{Html(headline)}</h2><table>");
        foreach (var (label, value) in facts) html.Append($"<tr><th align=\"left\">{Html(label)}</th><td>{Html(value)}</td></tr>");
        html.Append($"</table><p><a href=\"{Html(link)}\">{Html(linkLabel)}</a></p><p><small>{Html(footer)}</small></p></body></html>");

        return new EmailContent(recipient.Address, recipient.Name, subject, text.ToString(), html.ToString(), link);
    }

    private static List<(string, string)> DeadlineFacts(DeadlineEvent d, bool en) =>
    [
        (en ? "Deadline" : "Tenggat", d.Kind),
        (en ? "Who must act" : "Pihak yang wajib bertindak", d.Owner),
        (en ? "Due" : "Jatuh tempo", Instant(d.DueAt)),
    ];

    // In WIB, as the offices read their deadlines.
    private static string Instant(DateTimeOffset instant) =>
        instant == default ? "-" : IndonesianTime.Display(instant);

    private static string Or(string value) => value.Length > 0 ? value : "-";

    private static string Html(string value) => WebUtility.HtmlEncode(value);
}
