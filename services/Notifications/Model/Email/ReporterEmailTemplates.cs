using System.Net;
using System.Text;
using Oversight.Contracts.PrivateMessages;
using Oversight.Regions;

namespace Oversight.Notifications.Model.Email;

/// <summary>
/// The status e-mail to a reporter, in Bahasa Indonesia (<c>id</c>) or English (<c>en</c>), plain text and HTML. It
/// names the tracking code (never the PIN), the registration number, the new status in words and, once decided, the
/// outcome; it addresses the reporter as "Pelapor" and contains no name or other identity, since the notice carries none.
/// </summary>
public static class ReporterEmailTemplates
{
    /// <summary>The message of <paramref name="notice"/>, in its language, else <paramref name="defaultLanguage"/>.</summary>
    public static EmailContent Render(ReporterStatusNotice notice, string defaultLanguage)
    {
        var en = (notice.Language is "id" or "en" ? notice.Language : defaultLanguage) == "en";
        var status = StatusText(notice.Status, en);
        var headline = notice.Step switch
        {
            "ReviewExtended" => en ? "The review of your report was extended" : "Masa kajian laporan Anda diperpanjang",
            "ComplaintEscalated" => en ? "Your report was escalated because the sanction was not imposed in time" : "Laporan Anda ditingkatkan karena sanksi belum dijatuhkan tepat waktu",
            _ => en ? $"Your report is now: {status}" : $"Status laporan Anda sekarang: {status}",
        };

        var facts = new List<(string, string)>
        {
            (en ? "Tracking code" : "Kode pelacakan", notice.TrackingCode),
            (en ? "Registration number" : "Nomor registrasi", notice.RegistrationNumber ?? (en ? "(not registered yet)" : "(belum teregistrasi)")),
            (en ? "Status" : "Status", status),
        };
        if (notice.Outcome is { } outcome) facts.Add((en ? "Decision" : "Putusan", OutcomeText(outcome, en)));
        if (notice.SanctionLevel is { } level) facts.Add((en ? "Sanction level" : "Tingkat sanksi", LevelText(level, en)));
        facts.Add((en ? "Changed" : "Waktu perubahan",
            IndonesianTime.Display(notice.OccurredAt)));

        var subject = en ? $"[Oversight] Your report {notice.TrackingCode}: {status}" : $"[Oversight] Laporan Anda {notice.TrackingCode}: {status}";
        var greeting = en ? "Dear reporter," : "Yth. Pelapor,";
        var follow = en
            ? "You can follow your report at any time with its tracking code and the PIN you received at the desk."
            : "Anda dapat memantau laporan kapan saja dengan kode pelacakan dan PIN yang Anda terima di posko.";
        var footer = en
            ? "You receive this message because you agreed to be told of progress on your report. Do not reply to it; the PIN is never sent by e-mail."
            : "Anda menerima pesan ini karena menyetujui pemberitahuan perkembangan laporan. Mohon tidak membalas pesan ini; PIN tidak pernah dikirim melalui e-mail.";

        var text = new StringBuilder().AppendLine(greeting).AppendLine().AppendLine(headline).AppendLine();
        foreach (var (label, value) in facts) text.AppendLine($"{label}: {value}");
        text.AppendLine().AppendLine(follow).AppendLine().AppendLine(footer);

        var html = new StringBuilder()
            .Append($"<html lang=\"{(en ? "en" : "id")}\"><body><p>{Html(greeting)}</p><h2>{Html(headline)}</h2><table>");
        foreach (var (label, value) in facts) html.Append($"<tr><th align=\"left\">{Html(label)}</th><td>{Html(value)}</td></tr>");
        html.Append($"</table><p>{Html(follow)}</p><p><small>{Html(footer)}</small></p></body></html>");

        return new EmailContent(notice.Email.Trim(), "", subject, text.ToString(), html.ToString());
    }

    /// <summary>The status in words (the events' <c>state.status</c> values).</summary>
    public static string StatusText(string status, bool en) => status switch
    {
        "needs_completion" => en ? "needs completion" : "perlu dilengkapi",
        "registered" => en ? "registered" : "teregistrasi",
        "rejected" => en ? "rejected" : "ditolak",
        "withdrawn" => en ? "withdrawn" : "dicabut",
        "under_review" => en ? "under review" : "sedang dikaji",
        "decided" => en ? "decided" : "sudah diputus",
        "recommended_to_bkn" => en ? "recommended to BKN" : "direkomendasikan ke BKN",
        "verified" => en ? "recommendation verified by BKN" : "rekomendasi diverifikasi BKN",
        "sanction_imposed" => en ? "sanction imposed" : "sanksi dijatuhkan",
        "closed" => en ? "closed" : "selesai",
        _ => status,
    };

    private static string OutcomeText(string outcome, bool en) => outcome switch
    {
        "violation" => en ? "violation found" : "terbukti melanggar",
        "not_violation" => en ? "no violation found" : "tidak terbukti melanggar",
        "forwarded_gakkumdu" => en ? "forwarded to Sentra Gakkumdu" : "diteruskan ke Sentra Gakkumdu",
        _ => outcome,
    };

    private static string LevelText(string level, bool en) => level switch
    {
        "light" => en ? "light" : "ringan",
        "medium" => en ? "medium" : "sedang",
        "heavy" => en ? "heavy" : "berat",
        "dismissal" => en ? "dismissal" : "pemberhentian",
        _ => level,
    };

    private static string Html(string value) => WebUtility.HtmlEncode(value);
}
