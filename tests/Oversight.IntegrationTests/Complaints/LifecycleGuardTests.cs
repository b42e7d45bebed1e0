using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Grpc.Core;
using Oversight.Complaints.Domain.Regimes;
using Oversight.Contracts.Complaints;
using Oversight.IntegrationTests.EndToEnd;
using Oversight.Regions;
using Oversight.Testing;
using static Oversight.Contracts.Complaints.Complaints;

namespace Oversight.IntegrationTests.Complaints;

/// <summary>
/// What a lifecycle call refuses, and that a refused call changes nothing: another region's office, a stale version,
/// a step the state does not allow; completion registering with the next gap-free number; one step over REST.
/// </summary>
[Collection(ComplaintsSystemCollection.Name)]
public sealed partial class LifecycleGuardTests(ComplaintsSystemFixture fixture)
{
    private readonly TestSystem _system = fixture.System;

    private ComplaintsClient Client => new(_system.Channel(TestSystem.Complaints));

    private static int Year => IndonesianTime.DateOf(DateTimeOffset.UtcNow).Year;

    [Fact]
    public async Task A_Kendari_office_can_neither_see_nor_change_a_Mataram_complaint_and_nothing_changes()
    {
        var mataramReviewer = await _system.OfficeHeadersAsync("reviewer", "52.71");
        var kendariReviewer = await _system.OfficeHeadersAsync("reviewer", "74.71");
        var submitted = await Client.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71"), await _system.IntakeOfficerHeadersAsync("52.71"));
        var before = await Client.GetComplaintAsync(new GetComplaintRequest { ComplaintId = submitted.ComplaintId }, mataramReviewer);

        var read = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.GetComplaintAsync(new GetComplaintRequest { ComplaintId = submitted.ComplaintId }, kendariReviewer));
        var change = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.StartReviewAsync(new StartReviewRequest { ComplaintId = submitted.ComplaintId, ExpectedVersion = 1 }, kendariReviewer));
        Assert.Equal(StatusCode.PermissionDenied, read.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, change.StatusCode);
        Assert.Contains("74.71", change.Status.Detail);
        Assert.Contains("52.71", change.Status.Detail);

        // The right region with the wrong role is refused too, naming the role.
        var wrongRole = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.StartReviewAsync(new StartReviewRequest { ComplaintId = submitted.ComplaintId, ExpectedVersion = 1 }, await _system.IntakeOfficerHeadersAsync("52.71")));
        Assert.Equal(StatusCode.PermissionDenied, wrongRole.StatusCode);
        Assert.Contains("requires the reviewer role", wrongRole.Status.Detail);

        var after = await Client.GetComplaintAsync(new GetComplaintRequest { ComplaintId = submitted.ComplaintId }, mataramReviewer);
        Assert.Equal(before, after);
        Assert.Equal(["complaint.submitted:"], await _system.AuditActionsAsync(submitted.ComplaintId));
    }

    [Fact]
    public async Task A_caller_without_the_steps_role_is_refused_before_the_state_is_named()
    {
        // Issue 16: an intake officer asking to decide a registered complaint was told its state (400 "registered,
        // not under_review"). The role comes first: PermissionDenied, naming the role and not the state.
        var intake = await _system.IntakeOfficerHeadersAsync("52.71");
        var submitted = await Client.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71"), intake);

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await Client.DecideComplaintAsync(new DecideComplaintRequest
        {
            ComplaintId = submitted.ComplaintId, ExpectedVersion = 1, Outcome = "violation", Reasoning = "Terbukti.",
        }, intake));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal("Permission denied: decide requires the reviewer role.", refused.Status.Detail);
        Assert.DoesNotContain("registered", refused.Status.Detail);

        // The same over REST: 403, not 400.
        using var http = _system.Http(TestSystem.Complaints);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/complaints/{submitted.ComplaintId}:decide")
        {
            Content = JsonContent.Create(new { expectedVersion = 1, outcome = "violation", reasoning = "Terbukti." }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", intake.GetValue("authorization")!["Bearer ".Length..]);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("registered", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_stale_version_is_refused_naming_the_current_one_and_nothing_changes()
    {
        var reviewer = await _system.OfficeHeadersAsync("reviewer", "52.71");
        var submitted = await Client.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71"), await _system.IntakeOfficerHeadersAsync("52.71"));
        var reviewing = await Client.StartReviewAsync(new StartReviewRequest { ComplaintId = submitted.ComplaintId, ExpectedVersion = 1 }, reviewer);

        // A second reviewer still holding version 1 tries to decide.
        var stale = await Assert.ThrowsAsync<RpcException>(async () => await Client.DecideComplaintAsync(new DecideComplaintRequest
        {
            ComplaintId = submitted.ComplaintId, ExpectedVersion = 1, Outcome = "not_violation", Reasoning = "Tidak terbukti.",
        }, reviewer));
        Assert.Equal(StatusCode.FailedPrecondition, stale.StatusCode);
        Assert.Contains("expected_version: the complaint is at version 2, not 1", stale.Status.Detail);

        var after = await Client.GetComplaintAsync(new GetComplaintRequest { ComplaintId = submitted.ComplaintId }, reviewer);
        Assert.Equal(reviewing, after);
        Assert.Empty(after.Outcome);
    }

    [Fact]
    public async Task An_illegal_transition_names_the_state_and_the_rule_and_bad_input_names_the_field()
    {
        var reviewer = await _system.OfficeHeadersAsync("reviewer", "52.71");
        var submitted = await Client.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71"), await _system.IntakeOfficerHeadersAsync("52.71"));

        var illegal = await Assert.ThrowsAsync<RpcException>(async () => await Client.DecideComplaintAsync(new DecideComplaintRequest
        {
            ComplaintId = submitted.ComplaintId, ExpectedVersion = 1, Outcome = "violation", Reasoning = "Terbukti.",
        }, reviewer));
        Assert.Equal(StatusCode.FailedPrecondition, illegal.StatusCode);
        Assert.Equal("cannot decide: complaint is registered, not under_review", illegal.Status.Detail);

        // A rule of the step, in the right state: a not_violation decision leads to no recommendation.
        await Client.StartReviewAsync(new StartReviewRequest { ComplaintId = submitted.ComplaintId, ExpectedVersion = 1 }, reviewer);
        await Client.DecideComplaintAsync(new DecideComplaintRequest
        {
            ComplaintId = submitted.ComplaintId, ExpectedVersion = 2, Outcome = "not_violation", Reasoning = "Tidak terbukti.",
        }, reviewer);
        var rule = await Assert.ThrowsAsync<RpcException>(async () => await Client.IssueRecommendationAsync(new IssueRecommendationRequest
        {
            ComplaintId = submitted.ComplaintId, ExpectedVersion = 3, Reference = "1/PM/2026",
        }, reviewer));
        Assert.Equal(StatusCode.FailedPrecondition, rule.StatusCode);
        Assert.Contains("cannot issue recommendation: the decision was not_violation", rule.Status.Detail);

        var bad = await Assert.ThrowsAsync<RpcException>(async () => await Client.DecideComplaintAsync(new DecideComplaintRequest
        {
            ComplaintId = "not-a-uuid", ExpectedVersion = 0, Outcome = "guilty",
        }, reviewer));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        foreach (var field in new[] { "complaint_id: must be a UUID", "expected_version: required", "outcome: must be violation, not_violation or forwarded_gakkumdu", "reasoning: required" })
        {
            Assert.Contains(field, bad.Status.Detail);
        }

        var unknown = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.StartReviewAsync(new StartReviewRequest { ComplaintId = Guid.NewGuid().ToString(), ExpectedVersion = 1 }, reviewer));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);

        var stored = await Client.GetComplaintAsync(new GetComplaintRequest { ComplaintId = submitted.ComplaintId }, reviewer);
        Assert.Equal(("decided", 3), (stored.Status, stored.Version));
    }

    [Fact]
    public async Task A_needs_completion_laporan_completed_is_registered_with_the_next_gap_free_number()
    {
        // Kabupaten Mahakam Ulu (64.11) has no office of its own: the Kalimantan Timur province office (64) handles and
        // numbers it, only in this test of its class (each class has its own database). Completion is the handling office's act.
        var desk = await _system.IntakeOfficerHeadersAsync("64");
        await using var events = await ComplaintEventQueue.BindAsync(_system);
        var first = await Client.SubmitComplaintAsync(ComplaintSubmission.Laporan("64.11"), desk);
        var incomplete = ComplaintSubmission.Laporan("64.11") with { Place = "", Evidence = [] };
        var pending = await Client.SubmitComplaintAsync(incomplete, desk);
        Assert.Equal("needs_completion", pending.Status);

        // Still missing the evidence: refused, nothing changes, no number burnt.
        var partial = await Assert.ThrowsAsync<RpcException>(async () => await Client.CompleteComplaintAsync(new CompleteComplaintRequest
        {
            ComplaintId = pending.ComplaintId, ExpectedVersion = 1, Place = "Kantor Camat Moyo Hilir",
        }, desk));
        Assert.Equal(StatusCode.InvalidArgument, partial.StatusCode);
        Assert.Contains("evidence: at least one piece of evidence is required", partial.Status.Detail);
        Assert.DoesNotContain("place", partial.Status.Detail);

        var completed = await Client.CompleteComplaintAsync(new CompleteComplaintRequest
        {
            ComplaintId = pending.ComplaintId, ExpectedVersion = 1, Place = "Kantor Camat Moyo Hilir",
            Evidence = { new Evidence { Url = "https://example.org/bukti/foto-2.jpg", Description = "Foto kegiatan" } },
        }, desk);

        Assert.Equal(("registered", 2), (completed.Status, completed.Version));
        Assert.Empty(completed.OpenRequirements);
        Assert.Equal("Kantor Camat Moyo Hilir", completed.Place);
        var a = NumberPattern().Match(first.RegistrationNumber);
        var b = NumberPattern().Match(completed.RegistrationNumber);
        Assert.True(a.Success && b.Success, $"{first.RegistrationNumber} / {completed.RegistrationNumber}");
        Assert.Equal($"64/LP/{Year}", b.Groups["prefix"].Value);
        Assert.Equal(int.Parse(a.Groups["seq"].Value) + 1, int.Parse(b.Groups["seq"].Value));
        Assert.Equal("review", Assert.Single(completed.Deadlines).Kind);

        var received = await events.WaitForAsync(pending.ComplaintId, 2);
        Assert.Equal([("ComplaintSubmitted", 1, "needs_completion"), ("ComplaintRegistered", 2, "registered")], received.Select(e => (e.Type, e.Version, e.Status)));
        Assert.Equal(completed.RegistrationNumber, received[1].Message.GetProperty("registrationNumber").GetString());
    }

    [Fact]
    public async Task A_step_over_REST_answers_the_updated_complaint_and_a_stale_version_is_a_400()
    {
        var submitted = await Client.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71"), await _system.IntakeOfficerHeadersAsync("52.71"));
        using var http = _system.Http(TestSystem.Complaints);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _system.OfficeTokenAsync("reviewer", "52.71"));

        using var started = await http.PostAsJsonAsync($"/v1/complaints/{submitted.ComplaintId}:startReview", new { expectedVersion = 1 });
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        using var body = JsonDocument.Parse(await started.Content.ReadAsStringAsync());
        Assert.Equal("under_review", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(2, body.RootElement.GetProperty("version").GetInt32());

        using var stale = await http.PostAsJsonAsync($"/v1/complaints/{submitted.ComplaintId}:decide",
            new { expectedVersion = 1, outcome = "violation", reasoning = "Terbukti." });
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Contains("expected_version", await stale.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"^(?<prefix>.+)/(?<seq>[0-9]{4})$")]
    private static partial Regex NumberPattern();
}
