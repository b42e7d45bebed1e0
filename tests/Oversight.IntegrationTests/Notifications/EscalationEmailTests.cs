using MimeKit;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Testing;

namespace Oversight.IntegrationTests.Notifications;

/// <summary>Recommendations and deadlines reach the offices the directory routes them to, by e-mail.</summary>
[Collection(NotificationsCollection.Name)]
public sealed class EscalationEmailTests(NotificationsFixture fixture)
{
    private const string Ppk = "pemkot-52-71@oversight.example";
    private const string CivilServiceAgency = "bkpsdm-52-71@oversight.example";
    private const string Bkn = "netralitas@bkn.oversight.example";
    private const string ProvinceBawaslu = "bawaslu-52@oversight.example";
    private const string CityBawaslu = "bawaslu-52-71@oversight.example";

    [Fact]
    public async Task A_missed_ppk_deadline_goes_to_the_ppk_the_province_and_bkn_but_not_the_city_bawaslu()
    {
        var missed = new DeadlineMissed
        {
            ComplaintId = Guid.NewGuid(), DeadlineId = Guid.NewGuid(), Kind = "ppk_follow_up", Owner = "ppk",
            DueAt = DateTimeOffset.UtcNow.AddHours(-1), RegionCode = "52.71",
        };
        await fixture.PublishAsync(missed);

        foreach (var address in new[] { Ppk, ProvinceBawaslu, Bkn })
        {
            var mail = await Eventually.HoldsAsync(() => Task.FromResult(MailFor(address, missed.EventId)), m => m is not null,
                NotificationsFixture.Bound, $"deadline e-mail to {address}");
            Assert.Contains("Tenggat waktu terlewati", mail!.Subject);
            Assert.Contains(missed.ComplaintId.ToString(), mail.TextBody);
        }
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Null(MailFor(CityBawaslu, missed.EventId));
        Assert.Null(MailFor(CivilServiceAgency, missed.EventId));
    }

    [Fact]
    public async Task A_recommendation_goes_to_the_ppk_the_civil_service_agency_and_bkn_with_the_registration_number()
    {
        var recommendation = new RecommendationIssued
        {
            ComplaintId = Guid.NewGuid(), RegionCode = "52.71", Reference = "0042/PP.01/K.NB/11/2026", ViolationType = 2,
            SanctionLevel = "medium", EmployingRegionCode = "52.71",
            State = new ComplaintState
            {
                Version = 7, Status = "recommended_to_bkn", Kind = "laporan", RegionCode = "52.71",
                RegistrationNumber = "52.71/LP/2026/9301", ReceivedAt = DateTimeOffset.UtcNow.AddDays(-10),
            },
        };
        await fixture.PublishAsync(recommendation);

        foreach (var address in new[] { Ppk, CivilServiceAgency, Bkn })
        {
            var mail = await Eventually.HoldsAsync(() => Task.FromResult(MailFor(address, recommendation.EventId)), m => m is not null,
                NotificationsFixture.Bound, $"recommendation e-mail to {address}");
            Assert.Equal("[Oversight] Rekomendasi Bawaslu diterbitkan: 52.71/LP/2026/9301", mail!.Subject);
            Assert.Contains("0042/PP.01/K.NB/11/2026", mail.TextBody);
        }
    }

    private MimeMessage? MailFor(string address, Guid eventId) =>
        fixture.Smtp.To(address).Select(m => MimeMessage.Load(new MemoryStream(m.Data)))
            .FirstOrDefault(m => m.Headers["X-Oversight-Event-Id"] == eventId.ToString());
}
