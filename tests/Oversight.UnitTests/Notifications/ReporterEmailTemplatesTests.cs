using Oversight.Contracts.PrivateMessages;
using Oversight.Notifications.Model.Deliveries;
using Oversight.Notifications.Model.Email;

namespace Oversight.UnitTests.Notifications;

public sealed class ReporterEmailTemplatesTests
{
    private static readonly ReporterStatusNotice Decided = new()
    {
        ComplaintId = Guid.Parse("0195f000-0000-7000-8000-000000000001"),
        RegionCode = "52.71",
        Email = "siti@example.org",
        TrackingCode = "K7M2-Q9XD4P",
        Status = "decided",
        Step = "ComplaintDecided",
        RegistrationNumber = "52.71/LP/2026/0001",
        Outcome = "violation",
        OccurredAt = new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public void The_indonesian_message_names_the_tracking_code_status_and_decision_in_text_and_html()
    {
        var mail = ReporterEmailTemplates.Render(Decided, "id");

        Assert.Equal("siti@example.org", mail.To);
        Assert.Equal("[Oversight] Laporan Anda K7M2-Q9XD4P: sudah diputus", mail.Subject);
        Assert.Contains("Yth. Pelapor,", mail.Text);
        Assert.Contains("Kode pelacakan: K7M2-Q9XD4P", mail.Text);
        Assert.Contains("Nomor registrasi: 52.71/LP/2026/0001", mail.Text);
        Assert.Contains("Putusan: terbukti melanggar", mail.Text);
        Assert.Contains("Waktu perubahan: 2026-11-24 09:00 WIB", mail.Text);
        Assert.Contains("<td>K7M2-Q9XD4P</td>", mail.Html);
        Assert.Contains("<html lang=\"id\">", mail.Html);
    }

    [Fact]
    public void The_notice_language_wins_over_the_default_and_an_unknown_one_falls_back()
    {
        Assert.Equal("[Oversight] Your report K7M2-Q9XD4P: decided", ReporterEmailTemplates.Render(Decided with { Language = "en" }, "id").Subject);
        Assert.Contains("Decision: violation found", ReporterEmailTemplates.Render(Decided with { Language = "en" }, "id").Text);
        Assert.Equal("[Oversight] Your report K7M2-Q9XD4P: decided", ReporterEmailTemplates.Render(Decided with { Language = "" }, "en").Subject);
        Assert.StartsWith("[Oversight] Laporan Anda", ReporterEmailTemplates.Render(Decided with { Language = "fr" }, "id").Subject);
    }

    [Fact]
    public void Before_registration_and_decision_the_message_says_so_and_html_is_encoded()
    {
        var mail = ReporterEmailTemplates.Render(Decided with
        {
            Status = "needs_completion", Step = "ComplaintSubmitted", RegistrationNumber = null, Outcome = null, TrackingCode = "<b>X</b>",
        }, "id");

        Assert.Contains("Nomor registrasi: (belum teregistrasi)", mail.Text);
        Assert.Contains("Status: perlu dilengkapi", mail.Text);
        Assert.DoesNotContain("Putusan", mail.Text);
        Assert.Contains("&lt;b&gt;X&lt;/b&gt;", mail.Html);
        Assert.DoesNotContain("<b>X</b>", mail.Html);
    }

    [Fact]
    public void An_extended_review_has_its_own_headline()
    {
        var mail = ReporterEmailTemplates.Render(Decided with { Status = "under_review", Step = "ReviewExtended", Outcome = null }, "id");
        Assert.Contains("Masa kajian laporan Anda diperpanjang", mail.Text);
    }

    [Fact]
    public void A_personal_address_repeated_by_a_server_is_masked_in_the_detail()
    {
        Assert.Equal("smtp: 550 5.1.1 <s***@example.org>: recipient rejected",
            RecipientMask.Scrub("smtp: 550 5.1.1 <Siti@Example.org>: recipient rejected", "siti@example.org"));
        Assert.Equal("smtp: 250 OK", RecipientMask.Scrub("smtp: 250 OK", "siti@example.org"));
    }
}
