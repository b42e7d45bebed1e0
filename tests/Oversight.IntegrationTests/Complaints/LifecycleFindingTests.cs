using Grpc.Core;
using Oversight.Contracts.Complaints;
using Oversight.IntegrationTests.EndToEnd;
using Oversight.Testing;
using static Oversight.Contracts.Complaints.ComplaintQueries;
using static Oversight.Contracts.Complaints.Complaints;

namespace Oversight.IntegrationTests.Complaints;

/// <summary>An anonymous tip taken up as a supervisor's finding: registered as a temuan, its author sealed, nothing changed by a bad finding.</summary>
[Collection(ComplaintsSystemCollection.Name)]
public sealed class LifecycleFindingTests(ComplaintsSystemFixture fixture)
{
    private const string SupervisorName = "Ni Luh Ayu Pengawas";

    private readonly TestSystem _system = fixture.System;

    private ComplaintsClient Client => new(_system.Channel(TestSystem.Complaints));

    private async Task<SubmitComplaintReply> TipAsync(Metadata desk) => await Client.SubmitComplaintAsync(
        ComplaintSubmission.Tip("52.71", "Ada kabar seorang camat membagikan unggahan kampanye."), desk);

    /// <summary>The finding: the submission builder's laporan, written by a supervisor.</summary>
    private static ConvertToFindingRequest Finding(string complaintId, int expectedVersion)
    {
        var laporan = (ComplaintSubmission.Laporan("52.71") with { ViolationType = 3 }).Build();
        return new ConvertToFindingRequest
        {
            ComplaintId = complaintId,
            ExpectedVersion = expectedVersion,
            Supervisor = new Reporter { Category = "supervisor", Name = SupervisorName },
            Reported = laporan.Reported,
            ViolationType = laporan.ViolationType,
            OccurredAt = laporan.OccurredAt,
            Place = laporan.Place,
            BecameKnownAt = laporan.BecameKnownAt,
            Description = "Pengawas kelurahan memastikan unggahan kampanye oleh camat.",
            Evidence = { laporan.Evidence },
        };
    }

    [Fact]
    public async Task A_tip_taken_up_as_a_finding_is_registered_as_a_temuan_with_its_author_sealed()
    {
        await using var events = await ComplaintEventQueue.BindAsync(_system);
        var desk = await _system.IntakeOfficerHeadersAsync("52.71");
        var tip = await TipAsync(desk);

        var converted = await Client.ConvertToFindingAsync(Finding(tip.ComplaintId, 1), desk);

        Assert.Equal(("temuan", "registered", 2), (converted.Kind, converted.Status, converted.Version));
        Assert.Matches(@"^52\.71/TM/\d{4}/\d{4,}$", converted.RegistrationNumber);
        Assert.Equal((3, "Camat", "Kecamatan Ampenan"), (converted.ViolationType, converted.Reported.Position, converted.Reported.Agency));

        // The author is sealed like every reporter: only an audited reviewer's read opens it.
        var queries = new ComplaintQueriesClient(_system.Channel(TestSystem.Complaints));
        var author = await queries.GetReporterIdentityAsync(new GetReporterIdentityRequest { ComplaintId = tip.ComplaintId },
            await _system.OfficeHeadersAsync("reviewer", "52.71"));
        Assert.Equal(("supervisor", SupervisorName), (author.Reporter.Category, author.Reporter.Name));

        var received = await events.WaitForAsync(tip.ComplaintId, 2);
        Assert.Equal(["ComplaintSubmitted", "ComplaintRegistered"], received.Select(e => e.Type));
        Assert.Equal("temuan", received[1].Message.GetProperty("state").GetProperty("kind").GetString());
        Assert.DoesNotContain(SupervisorName, received[1].Message.GetRawText());
        Assert.Contains("status.changed:convert_to_finding", await _system.AuditActionsAsync(tip.ComplaintId));

        // A temuan is not converted again.
        var again = await Assert.ThrowsAsync<RpcException>(async () => await Client.ConvertToFindingAsync(Finding(tip.ComplaintId, 2), desk));
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
    }

    [Fact]
    public async Task A_finding_missing_its_author_or_filed_late_changes_nothing_and_one_missing_evidence_needs_completion()
    {
        var desk = await _system.IntakeOfficerHeadersAsync("52.71");
        var tip = await TipAsync(desk);

        var anonymous = Finding(tip.ComplaintId, 1);
        anonymous.Supervisor = new Reporter { Category = "supervisor" };
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await Client.ConvertToFindingAsync(anonymous, desk));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("supervisor.name", refused.Status.Detail);

        var late = Finding(tip.ComplaintId, 1);
        late.OccurredAt = ComplaintSubmission.Rfc3339(ComplaintSubmission.DaysAgo(30));
        late.BecameKnownAt = ComplaintSubmission.Rfc3339(ComplaintSubmission.DaysAgo(20));
        var tooLate = await Assert.ThrowsAsync<RpcException>(async () => await Client.ConvertToFindingAsync(late, desk));
        Assert.Equal(StatusCode.InvalidArgument, tooLate.StatusCode);
        Assert.Contains("became_known_at", tooLate.Status.Detail);

        var unchanged = await Client.GetComplaintAsync(new GetComplaintRequest { ComplaintId = tip.ComplaintId }, desk);
        Assert.Equal(("informasi_awal", "logged", 1), (unchanged.Kind, unchanged.Status, unchanged.Version));

        // Only material requirements missing: a temuan that needs completion, then registered by completing it.
        var withoutEvidence = Finding(tip.ComplaintId, 1);
        withoutEvidence.Evidence.Clear();
        var pending = await Client.ConvertToFindingAsync(withoutEvidence, desk);
        Assert.Equal(("temuan", "needs_completion", 2), (pending.Kind, pending.Status, pending.Version));
        Assert.Equal(["evidence"], pending.OpenRequirements.Select(r => r.Field));
        var completed = await Client.CompleteComplaintAsync(new CompleteComplaintRequest
        {
            ComplaintId = tip.ComplaintId,
            ExpectedVersion = 2,
            Evidence = { Finding(tip.ComplaintId, 2).Evidence },
        }, desk);
        Assert.Equal("registered", completed.Status);
        Assert.Contains("/TM/", completed.RegistrationNumber);
    }

    [Fact]
    public async Task Only_the_handling_desk_converts_a_tip()
    {
        var tip = await TipAsync(await _system.IntakeOfficerHeadersAsync("52.71"));

        var reviewer = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.ConvertToFindingAsync(Finding(tip.ComplaintId, 1), await _system.OfficeHeadersAsync("reviewer", "52.71")));
        Assert.Equal(StatusCode.PermissionDenied, reviewer.StatusCode);
        Assert.Contains("intake_officer", reviewer.Status.Detail);

        var kendari = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.ConvertToFindingAsync(Finding(tip.ComplaintId, 1), await _system.IntakeOfficerHeadersAsync("74.71")));
        Assert.Equal(StatusCode.PermissionDenied, kendari.StatusCode);
    }
}
