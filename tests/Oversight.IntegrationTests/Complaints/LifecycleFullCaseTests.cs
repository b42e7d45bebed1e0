using Oversight.Contracts.Complaints;
using Oversight.IntegrationTests.EndToEnd;
using Oversight.Testing;
using static Oversight.Contracts.Complaints.Complaints;

namespace Oversight.IntegrationTests.Complaints;

/// <summary>
/// One laporan through the whole lifecycle over gRPC with the right office for each step (docs/domain.md steps 1-5):
/// registered at intake, reviewed and decided by the Mataram office, confirmed by BKN, sanctioned by the employing
/// region's PPK office, closed by BKN; every step's event on an integrator's queue, in order, with its version and status.
/// </summary>
[Collection(ComplaintsSystemCollection.Name)]
public sealed class LifecycleFullCaseTests(ComplaintsSystemFixture fixture)
{
    private readonly TestSystem _system = fixture.System;

    private ComplaintsClient Client => new(_system.Channel(TestSystem.Complaints));

    [Fact]
    public async Task A_laporan_goes_from_registration_to_sanction_and_closing_with_one_event_per_step_in_order()
    {
        await using var events = await ComplaintEventQueue.BindAsync(_system);
        var reviewer = await _system.OfficeHeadersAsync("reviewer", "52.71");
        var bkn = await _system.OfficeHeadersAsync("sanction_officer", "");
        var ppkOffice = await _system.OfficeHeadersAsync("sanction_officer", "52.71");

        // Violation type 2 calls for a heavy sanction (SKB 2022).
        var submitted = await Client.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71") with { ViolationType = 2 }, await _system.IntakeOfficerHeadersAsync("52.71"));
        Assert.Equal("registered", submitted.Status);
        var id = submitted.ComplaintId;

        var reviewing = await Client.StartReviewAsync(new StartReviewRequest { ComplaintId = id, ExpectedVersion = 1 }, reviewer);
        Assert.Equal(("under_review", 2), (reviewing.Status, reviewing.Version));
        Assert.Equal("review", Assert.Single(reviewing.Deadlines).Kind);

        var decided = await Client.DecideComplaintAsync(new DecideComplaintRequest
        {
            ComplaintId = id, ExpectedVersion = 2, Outcome = "violation", Reasoning = "Unggahan kampanye terbukti dibagikan oleh terlapor.",
        }, reviewer);
        Assert.Equal(("decided", 3, "violation", 2), (decided.Status, decided.Version, decided.Outcome, decided.DecidedViolationType));
        Assert.NotEmpty(decided.DecidedAt);
        Assert.Empty(decided.Deadlines);

        var recommended = await Client.IssueRecommendationAsync(new IssueRecommendationRequest
        {
            ComplaintId = id, ExpectedVersion = 3, Reference = "123/PM.00.02/K.NB-10/11/2026",
        }, reviewer);
        Assert.Equal(("recommended_to_bkn", 4), (recommended.Status, recommended.Version));
        Assert.Equal(("verification", "bkn"), (Assert.Single(recommended.Deadlines).Kind, recommended.Deadlines[0].Owner));

        var verified = await Client.ConfirmRecommendationAsync(new ConfirmRecommendationRequest { ComplaintId = id, ExpectedVersion = 4 }, bkn);
        Assert.Equal(("verified", 5), (verified.Status, verified.Version));
        Assert.Equal(("ppk_follow_up", "ppk"), (Assert.Single(verified.Deadlines).Kind, verified.Deadlines[0].Owner));

        var sanctioned = await Client.ImposeSanctionAsync(new ImposeSanctionRequest
        {
            ComplaintId = id, ExpectedVersion = 5, SanctionCode = "demotion_12_months", MoralSanctionCodes = { "moral_open_statement" },
            DecreeReference = "800/45/BKPSDM/2026",
        }, ppkOffice);
        Assert.Equal(("sanction_imposed", 6), (sanctioned.Status, sanctioned.Version));
        Assert.Equal(("demotion_12_months", "heavy", "800/45/BKPSDM/2026"), (sanctioned.Sanction.SanctionCode, sanctioned.Sanction.Level, sanctioned.Sanction.DecreeReference));
        Assert.Equal(["moral_open_statement"], sanctioned.Sanction.MoralSanctionCodes);

        var closed = await Client.CloseComplaintAsync(new CloseComplaintRequest { ComplaintId = id, ExpectedVersion = 6, Note = "Dicatat dalam register disiplin BKN." }, bkn);
        Assert.Equal(("closed", 7), (closed.Status, closed.Version));
        Assert.NotEmpty(closed.ClosedAt);

        // Read back as stored.
        var stored = await Client.GetComplaintAsync(new GetComplaintRequest { ComplaintId = id }, reviewer);
        Assert.Equal(("closed", 7, "123/PM.00.02/K.NB-10/11/2026", "heavy"), (stored.Status, stored.Version, stored.RecommendationReference, stored.Sanction.Level));
        Assert.NotEmpty(stored.VerifiedAt);

        var received = await events.WaitForAsync(id, 8);
        Assert.Equal(
            [
                ("ComplaintSubmitted", 1, "registered"), ("ComplaintRegistered", 1, "registered"),
                ("ComplaintStatusChanged", 2, "under_review"), ("ComplaintDecided", 3, "decided"),
                ("RecommendationIssued", 4, "recommended_to_bkn"), ("ComplaintStatusChanged", 5, "verified"),
                ("SanctionImposed", 6, "sanction_imposed"), ("ComplaintClosed", 7, "closed"),
            ],
            received.Select(e => (e.Type, e.Version, e.Status)));
        Assert.Equal(["review_started", "recommendation_verified"],
            received.Where(e => e.Type == "ComplaintStatusChanged").Select(e => e.Message.GetProperty("step").GetString()));
        var decision = received.Single(e => e.Type == "ComplaintDecided").Message;
        Assert.Equal(("violation", 2), (decision.GetProperty("outcome").GetString(), decision.GetProperty("violationType").GetInt32()));
        Assert.Equal("violation", decision.GetProperty("state").GetProperty("outcome").GetString());
        var recommendation = received.Single(e => e.Type == "RecommendationIssued").Message;
        Assert.Equal(("heavy", "52.71"), (recommendation.GetProperty("sanctionLevel").GetString(), recommendation.GetProperty("employingRegionCode").GetString()));
        Assert.Equal("verification", recommendation.GetProperty("state").GetProperty("openDeadline").GetProperty("kind").GetString());
        var sanction = received.Single(e => e.Type == "SanctionImposed").Message;
        Assert.Equal(("demotion_12_months", "heavy"), (sanction.GetProperty("sanctionCode").GetString(), sanction.GetProperty("state").GetProperty("sanctionLevel").GetString()));
        Assert.Equal("sanction_imposed", received.Single(e => e.Type == "ComplaintClosed").Message.GetProperty("closedFrom").GetString());

        // No reporter data in any lifecycle event.
        foreach (var evt in received)
        {
            var text = evt.Message.GetRawText();
            foreach (var secret in new[] { ComplaintSubmission.ReporterName, ComplaintSubmission.ReporterNik, ComplaintSubmission.ReporterPhone, ComplaintSubmission.ReporterEmail })
            {
                Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
            }
        }

        // Each event has exactly the fields docs/events.md lists for it (and its state those of the state table).
        foreach (var evt in received)
        {
            EventDocs.AssertDocumented(evt.Type, evt.Message, complaintEvent: true);
        }

        // Every step audited in order; no deadline left open on a closed complaint.
        Assert.Equal(
            ["complaint.submitted:", "status.changed:start_review", "decision.recorded:decide", "status.changed:issue_recommendation",
             "status.changed:confirm_recommendation", "status.changed:impose_sanction", "status.changed:close"],
            await _system.AuditActionsAsync(id));
        Assert.Empty(await _system.OpenDeadlinesAsync(id));
    }
}
