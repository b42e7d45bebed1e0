using Grpc.Core;
using Oversight.Contracts.Complaints;
using Oversight.IntegrationTests.EndToEnd;
using Oversight.Testing;
using static Oversight.Contracts.Complaints.Complaints;

namespace Oversight.IntegrationTests.Complaints;

/// <summary>
/// The other roads through the lifecycle: rejection, withdrawal, an extended review closed without violation, a dismissed
/// recommendation, the sanction's own rules and BKN's escalation; each event read from an integrator's queue matches
/// docs/events.md.
/// </summary>
[Collection(ComplaintsSystemCollection.Name)]
public sealed class LifecycleStepsTests(ComplaintsSystemFixture fixture)
{
    private readonly TestSystem _system = fixture.System;

    private ComplaintsClient Client => new(_system.Channel(TestSystem.Complaints));

    private async Task<SubmitComplaintReply> IncompleteAsync(Metadata desk)
    {
        var incomplete = ComplaintSubmission.Laporan("52.71") with { Place = "", Evidence = [] };
        return await Client.SubmitComplaintAsync(incomplete, desk);
    }

    [Fact]
    public async Task An_incomplete_laporan_is_rejected_or_withdrawn_and_then_final()
    {
        await using var events = await ComplaintEventQueue.BindAsync(_system);
        var desk = await _system.IntakeOfficerHeadersAsync("52.71");

        var rejectedOne = await IncompleteAsync(desk);
        var rejected = await Client.RejectComplaintAsync(new RejectComplaintRequest { ComplaintId = rejectedOne.ComplaintId, ExpectedVersion = 1, Reason = "Bukti tidak dilengkapi." }, desk);
        Assert.Equal(("rejected", 2, "Bukti tidak dilengkapi."), (rejected.Status, rejected.Version, rejected.ClosingNote));
        Assert.NotEmpty(rejected.ClosedAt);
        var after = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.WithdrawComplaintAsync(new WithdrawComplaintRequest { ComplaintId = rejectedOne.ComplaintId, ExpectedVersion = 2, Reason = "Dicabut." }, desk));
        Assert.Equal(StatusCode.FailedPrecondition, after.StatusCode);
        Assert.Equal("cannot withdraw: complaint is rejected, not received or needs_completion", after.Status.Detail);

        var withdrawnOne = await IncompleteAsync(desk);
        var withdrawn = await Client.WithdrawComplaintAsync(new WithdrawComplaintRequest { ComplaintId = withdrawnOne.ComplaintId, ExpectedVersion = 1, Reason = "Pelapor mencabut laporannya." }, desk);
        Assert.Equal(("withdrawn", 2), (withdrawn.Status, withdrawn.Version));

        var rejectionEvents = await events.WaitForAsync(rejectedOne.ComplaintId, 2);
        var rejection = rejectionEvents[1];
        Assert.Equal(("ComplaintRejected", "rejected"), (rejection.Type, rejection.Status));
        Assert.Equal(["evidence", "place"], rejection.Message.GetProperty("failedRequirements").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.True(rejection.Message.GetProperty("state").GetProperty("isFinal").GetBoolean());
        var withdrawalEvents = await events.WaitForAsync(withdrawnOne.ComplaintId, 2);
        var withdrawal = withdrawalEvents[1];
        Assert.Equal(("ComplaintStatusChanged", "withdrawn", "withdrawn"), (withdrawal.Type, withdrawal.Status, withdrawal.Message.GetProperty("step").GetString()));
        Assert.All(rejectionEvents.Concat(withdrawalEvents), evt => EventDocs.AssertDocumented(evt.Type, evt.Message, complaintEvent: true));
    }

    [Fact]
    public async Task A_review_is_extended_once_then_decided_without_violation_and_closed()
    {
        await using var events = await ComplaintEventQueue.BindAsync(_system);
        var reviewer = await _system.OfficeHeadersAsync("reviewer", "52.71");
        var submitted = await Client.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71"), await _system.IntakeOfficerHeadersAsync("52.71"));
        var id = submitted.ComplaintId;

        var reviewing = await Client.StartReviewAsync(new StartReviewRequest { ComplaintId = id, ExpectedVersion = 1 }, reviewer);
        var extended = await Client.ExtendReviewAsync(new ExtendReviewRequest { ComplaintId = id, ExpectedVersion = 2, Reason = "Menunggu keterangan saksi." }, reviewer);
        Assert.True(extended.ReviewExtended);
        Assert.True(DateTimeOffset.Parse(extended.Deadlines[0].DueAt) > DateTimeOffset.Parse(reviewing.Deadlines[0].DueAt));
        Assert.Equal(["review"], await _system.OpenDeadlinesAsync(id));

        var again = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.ExtendReviewAsync(new ExtendReviewRequest { ComplaintId = id, ExpectedVersion = 3, Reason = "Lagi." }, reviewer));
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        Assert.StartsWith("cannot extend review:", again.Status.Detail);

        await Client.DecideComplaintAsync(new DecideComplaintRequest { ComplaintId = id, ExpectedVersion = 3, Outcome = "not_violation", Reasoning = "Tidak terbukti." }, reviewer);
        var closed = await Client.CloseComplaintAsync(new CloseComplaintRequest { ComplaintId = id, ExpectedVersion = 4, Note = "Tidak ada rekomendasi." }, reviewer);
        Assert.Equal(("closed", 5, "not_violation"), (closed.Status, closed.Version, closed.Outcome));
        Assert.Empty(await _system.OpenDeadlinesAsync(id));

        var received = await events.WaitForAsync(id, 6);
        Assert.Equal(["ComplaintSubmitted", "ComplaintRegistered", "ComplaintStatusChanged", "ReviewExtended", "ComplaintDecided", "ComplaintClosed"], received.Select(e => e.Type));
        Assert.Equal(extended.Deadlines[0].DueAt, received[3].Message.GetProperty("reviewDueAt").GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"));
        Assert.Equal("decided", received[5].Message.GetProperty("closedFrom").GetString());
        Assert.All(received, evt => EventDocs.AssertDocumented(evt.Type, evt.Message, complaintEvent: true));
    }

    [Fact]
    public async Task The_sanction_needs_the_employing_region_and_the_violations_level_and_BKN_may_dismiss_instead()
    {
        var reviewer = await _system.OfficeHeadersAsync("reviewer", "52.71");
        var bkn = await _system.OfficeHeadersAsync("sanction_officer", "");

        var dismissedId = await RecommendedAsync(reviewer);
        var dismissed = await Client.DismissRecommendationAsync(new DismissRecommendationRequest { ComplaintId = dismissedId, ExpectedVersion = 4, Reason = "Bukti tidak cukup." }, bkn);
        Assert.Equal(("closed", 5), (dismissed.Status, dismissed.Version));
        Assert.Empty(await _system.OpenDeadlinesAsync(dismissedId));

        var id = await RecommendedAsync(reviewer);
        // A reviewer of the handling office is not BKN.
        var notBkn = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.ConfirmRecommendationAsync(new ConfirmRecommendationRequest { ComplaintId = id, ExpectedVersion = 4 }, reviewer));
        Assert.Equal(StatusCode.PermissionDenied, notBkn.StatusCode);
        await Client.ConfirmRecommendationAsync(new ConfirmRecommendationRequest { ComplaintId = id, ExpectedVersion = 4 }, bkn);

        var early = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.EscalateComplaintAsync(new EscalateComplaintRequest { ComplaintId = id, ExpectedVersion = 5 }, bkn));
        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);
        Assert.Contains("escalation needs it missed", early.Status.Detail);

        var kendariPpk = await _system.OfficeHeadersAsync("sanction_officer", "74.71");
        var otherRegion = await Assert.ThrowsAsync<RpcException>(async () => await Client.ImposeSanctionAsync(new ImposeSanctionRequest
        {
            ComplaintId = id, ExpectedVersion = 5, SanctionCode = "demotion_12_months", DecreeReference = "1/2026",
        }, kendariPpk));
        Assert.Equal(StatusCode.PermissionDenied, otherRegion.StatusCode);

        var ppk = await _system.OfficeHeadersAsync("sanction_officer", "52.71");
        var wrongLevel = await Assert.ThrowsAsync<RpcException>(async () => await Client.ImposeSanctionAsync(new ImposeSanctionRequest
        {
            ComplaintId = id, ExpectedVersion = 5, SanctionCode = "written_reprimand", DecreeReference = "1/2026",
        }, ppk));
        Assert.Equal(StatusCode.FailedPrecondition, wrongLevel.StatusCode);
        Assert.Contains("violation 2 calls for heavy", wrongLevel.Status.Detail);

        var unknownCode = await Assert.ThrowsAsync<RpcException>(async () => await Client.ImposeSanctionAsync(new ImposeSanctionRequest
        {
            ComplaintId = id, ExpectedVersion = 5, SanctionCode = "flogging", MoralSanctionCodes = { "demotion_12_months" },
        }, ppk));
        Assert.Equal(StatusCode.InvalidArgument, unknownCode.StatusCode);
        Assert.Contains("sanction_code: must be a discipline sanction", unknownCode.Status.Detail);
        Assert.Contains("moral_sanction_codes[0]: must be a moral sanction", unknownCode.Status.Detail);
        Assert.Contains("decree_reference: required", unknownCode.Status.Detail);

        var stored = await Client.GetComplaintAsync(new GetComplaintRequest { ComplaintId = id }, bkn);
        Assert.Equal(("verified", 5, 0), (stored.Status, stored.Version, stored.EscalationLevel));
        Assert.Null(stored.Sanction);
    }

    [Fact]
    public async Task BKN_escalates_a_missed_PPK_follow_up_and_the_complaint_stays_verified()
    {
        await using var events = await ComplaintEventQueue.BindAsync(_system);
        var reviewer = await _system.OfficeHeadersAsync("reviewer", "52.71");
        var bkn = await _system.OfficeHeadersAsync("sanction_officer", "");
        var id = await RecommendedAsync(reviewer);
        await Client.ConfirmRecommendationAsync(new ConfirmRecommendationRequest { ComplaintId = id, ExpectedVersion = 4 }, bkn);

        // The PPK's follow-up period (working days) cannot pass during a test: the verification is moved back instead.
        await _system.MoveVerificationBackAsync(id, TimeSpan.FromDays(90));
        var escalated = await Client.EscalateComplaintAsync(new EscalateComplaintRequest { ComplaintId = id, ExpectedVersion = 5 }, bkn);
        Assert.Equal(("verified", 6, 1), (escalated.Status, escalated.Version, escalated.EscalationLevel));
        Assert.Equal(["ppk_follow_up"], await _system.OpenDeadlinesAsync(id));

        var received = await events.WaitForAsync(id, 7);
        var escalation = received[6];
        Assert.Equal(("ComplaintEscalated", "verified"), (escalation.Type, escalation.Status));
        Assert.Equal((1, "bkn"), (escalation.Message.GetProperty("level").GetInt32(), escalation.Message.GetProperty("escalatedTo").GetString()));
        Assert.StartsWith("PPK did not act by ", escalation.Message.GetProperty("note").GetString());
        Assert.Equal("ppk_follow_up", escalation.Message.GetProperty("state").GetProperty("openDeadline").GetProperty("kind").GetString());
        Assert.All(received, evt => EventDocs.AssertDocumented(evt.Type, evt.Message, complaintEvent: true));
    }

    // A laporan of violation 2 (heavy) recommended to BKN by the Mataram office: version 4.
    private async Task<string> RecommendedAsync(Metadata reviewer)
    {
        var id = (await Client.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71") with { ViolationType = 2 }, await _system.IntakeOfficerHeadersAsync("52.71"))).ComplaintId;
        await Client.StartReviewAsync(new StartReviewRequest { ComplaintId = id, ExpectedVersion = 1 }, reviewer);
        await Client.DecideComplaintAsync(new DecideComplaintRequest { ComplaintId = id, ExpectedVersion = 2, Outcome = "violation", Reasoning = "Terbukti." }, reviewer);
        await Client.IssueRecommendationAsync(new IssueRecommendationRequest { ComplaintId = id, ExpectedVersion = 3, Reference = "7/PM/2026" }, reviewer);
        return id;
    }
}
