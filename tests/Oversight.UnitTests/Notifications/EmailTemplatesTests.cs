using Oversight.Contracts.IntegrationEvents;
using Oversight.Notifications.Model.Email;
using Oversight.Notifications.Model.Routing;

namespace Oversight.UnitTests.Notifications;

public sealed class EmailTemplatesTests
{
    private static readonly EmailRecipient Office = new("bawaslu-52-71@x.example", "Bawaslu Kota Mataram", "o1", "bawaslu");

    private static ComplaintSubmitted Submitted(string? registration) => new()
    {
        ComplaintId = Guid.Parse("0195f000-0000-7000-8000-000000000001"),
        RegionCode = "52.71",
        ViolationType = 2,
        HandlingOffice = "Bawaslu Kota Mataram",
        Kind = "laporan",
        Status = registration is null ? "needs_completion" : "registered",
        RegistrationNumber = registration,
        AccusedAgency = "Kecamatan <Ampenan>",
    };

    [Fact]
    public void Indonesian_is_the_default_with_registration_number_reference_and_link_in_text_and_html()
    {
        var mail = EmailTemplates.Render(Submitted("52.71/LP/2026/0001"), Office, "id", "https://oversight.example/")!;
        Assert.Equal("[Oversight] Pengaduan baru diterima: 52.71/LP/2026/0001", mail.Subject);
        Assert.Contains("Kepada Bawaslu Kota Mataram,", mail.Text);
        Assert.Contains("Nomor registrasi: 52.71/LP/2026/0001", mail.Text);
        Assert.Contains("Referensi: 0195f000-0000-7000-8000-000000000001", mail.Text);
        Assert.Contains("https://oversight.example/v1/complaints/0195f000-0000-7000-8000-000000000001", mail.Text);
        Assert.Contains("<a href=\"https://oversight.example/v1/complaints/0195f000-0000-7000-8000-000000000001\">Buka pengaduan</a>", mail.Html);
        Assert.Contains("52.71/LP/2026/0001", mail.Html);
        // Values are HTML-encoded.
        Assert.Contains("Kecamatan &lt;Ampenan&gt;", mail.Html);
        Assert.Equal("bawaslu-52-71@x.example", mail.To);
    }

    [Fact]
    public void The_English_variant_says_the_same_in_English()
    {
        var mail = EmailTemplates.Render(Submitted("52.71/LP/2026/0001"), Office, "en", "https://oversight.example")!;
        Assert.Equal("[Oversight] New complaint received: 52.71/LP/2026/0001", mail.Subject);
        Assert.Contains("Registration number: 52.71/LP/2026/0001", mail.Text);
        Assert.Contains("Open the complaint", mail.Html);
        Assert.Contains("lang=\"en\"", mail.Html);
    }

    [Fact]
    public void An_unregistered_complaint_is_named_by_its_id_and_says_it_is_not_registered_yet()
    {
        var mail = EmailTemplates.Render(Submitted(null), Office, "id", "https://oversight.example")!;
        Assert.EndsWith("0195f000-0000-7000-8000-000000000001", mail.Subject);
        Assert.Contains("Nomor registrasi: (belum teregistrasi)", mail.Text);
    }

    [Fact]
    public void Deadline_and_recommendation_events_have_templates_and_other_events_none()
    {
        var missed = new DeadlineMissed
        {
            ComplaintId = Guid.NewGuid(), DeadlineId = Guid.NewGuid(), Kind = "ppk_follow_up", Owner = "ppk",
            DueAt = new DateTimeOffset(2026, 11, 1, 17, 0, 0, TimeSpan.Zero), RegionCode = "52.71",
        };
        var mail = EmailTemplates.Render(missed, Office, "id", "https://oversight.example")!;
        Assert.StartsWith("[Oversight] Tenggat waktu terlewati", mail.Subject);
        Assert.Contains("Jatuh tempo: 2026-11-02 00:00 WIB", mail.Text);

        var closed = new ComplaintClosed { ComplaintId = Guid.NewGuid(), RegionCode = "52.71", ClosedFrom = "decided" };
        Assert.Null(EmailTemplates.Render(closed, Office, "id", "https://oversight.example"));
    }
}
