using Grpc.Core;
using Oversight.Contracts.Complaints;
using Oversight.IntegrationTests.EndToEnd;

namespace Oversight.IntegrationTests.Complaints;

/// <summary>
/// The reporter's identity is opened only for a reviewer of the handling office's region, and every such read is in the
/// audit trail; FindComplaint and ListAuditEntries keep GetComplaint's scope rule.
/// </summary>
[Collection(nameof(QueriesCollection))]
public sealed class QueriesIdentityTests(QueriesSystemFixture fixture)
{
    [Fact]
    public async Task A_reviewer_of_the_handling_region_reads_the_identity_and_the_read_is_audited()
    {
        var id = await fixture.SubmitAsync(ComplaintSubmission.Laporan("52.71"));
        var reviewer = await fixture.OfficeHeadersAsync("52.71", "reviewer");

        var read = await fixture.Queries.GetReporterIdentityAsync(new GetReporterIdentityRequest { ComplaintId = id }, reviewer);

        Assert.Equal(id, read.ComplaintId);
        Assert.Equal((ComplaintSubmission.ReporterName, ComplaintSubmission.ReporterNik, ComplaintSubmission.ReporterPhone, ComplaintSubmission.ReporterEmail),
            (read.Reporter.Name, read.Reporter.Nik, read.Reporter.Phone, read.Reporter.Email));
        Assert.Equal("voter", read.Reporter.Category);
        Assert.True(read.Reporter.AgreedToNotifications);

        var trail = await fixture.Queries.ListAuditEntriesAsync(new ListAuditEntriesRequest { ComplaintId = id }, reviewer);
        var entry = Assert.Single(trail.Entries, e => e.Action == "identity.read");
        Assert.Equal(read.AuditEntryId, entry.Id);
        Assert.Equal("52.71", entry.ActorRegion);
        Assert.Contains("reviewer", entry.ActorRoles);
        Assert.NotEmpty(entry.ActorClientId);
        Assert.Equal("name,nik,address,phone,email", entry.Details["fields"]);
        // The trail holds field names, never the values it recorded the read of.
        Assert.DoesNotContain(ComplaintSubmission.ReporterNik, trail.ToString());
        Assert.Contains(trail.Entries, e => e.Action == "complaint.submitted");
    }

    [Fact]
    public async Task An_intake_officer_a_reviewer_elsewhere_and_an_integrator_are_refused_and_no_read_is_audited()
    {
        var id = await fixture.SubmitAsync(ComplaintSubmission.Laporan("52.71"));
        var refused = new (string Who, Metadata Headers)[]
        {
            ("intake officer of the handling region", await fixture.OfficeHeadersAsync("52.71", "intake_officer")),
            ("reviewer of Kendari", await fixture.OfficeHeadersAsync("74.71", "reviewer")),
            ("reviewer of another NTB regency", await fixture.OfficeHeadersAsync(QueriesSystemFixture.LombokBarat, "reviewer")),
            ("national integrator", await fixture.OfficeHeadersAsync("", "integrator")),
            ("national admin", await fixture.System.AdminHeadersAsync()),
        };
        foreach (var (who, headers) in refused)
        {
            var error = await Assert.ThrowsAsync<RpcException>(async () =>
                await fixture.Queries.GetReporterIdentityAsync(new GetReporterIdentityRequest { ComplaintId = id }, headers));
            Assert.True(error.StatusCode == StatusCode.PermissionDenied, $"{who}: {error.StatusCode} {error.Status.Detail}");
            Assert.DoesNotContain(ComplaintSubmission.ReporterName, error.Status.Detail);
        }

        var trail = await fixture.Queries.ListAuditEntriesAsync(new ListAuditEntriesRequest { ComplaintId = id }, await fixture.System.AdminHeadersAsync());
        Assert.DoesNotContain(trail.Entries, e => e.Action == "identity.read");
        Assert.NotEmpty(trail.Entries);
    }

    [Fact]
    public async Task A_complaint_is_found_by_its_registration_number_within_scope_only()
    {
        var desk = await fixture.System.IntakeOfficerHeadersAsync("52.71");
        var submitted = await fixture.Complaints.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71"), desk);

        var byNumber = await fixture.Queries.FindComplaintAsync(new FindComplaintRequest { RegistrationNumber = submitted.RegistrationNumber }, desk);
        Assert.Equal(submitted.ComplaintId, byNumber.ComplaintId);
        Assert.Equal(submitted.RegistrationNumber, byNumber.RegistrationNumber);
        var byId = await fixture.Queries.FindComplaintAsync(new FindComplaintRequest { ComplaintId = submitted.ComplaintId }, desk);
        Assert.Equal(submitted.RegistrationNumber, byId.RegistrationNumber);

        var kendari = await fixture.OfficeHeadersAsync("74.71", "reviewer");
        var outOfScope = await Assert.ThrowsAsync<RpcException>(async () =>
            await fixture.Queries.FindComplaintAsync(new FindComplaintRequest { RegistrationNumber = submitted.RegistrationNumber }, kendari));
        Assert.Equal(StatusCode.PermissionDenied, outOfScope.StatusCode);
        var trailOutOfScope = await Assert.ThrowsAsync<RpcException>(async () =>
            await fixture.Queries.ListAuditEntriesAsync(new ListAuditEntriesRequest { ComplaintId = submitted.ComplaintId }, kendari));
        Assert.Equal(StatusCode.PermissionDenied, trailOutOfScope.StatusCode);

        var unknown = await Assert.ThrowsAsync<RpcException>(async () =>
            await fixture.Queries.FindComplaintAsync(new FindComplaintRequest { RegistrationNumber = "52.71/LP/1999/9999" }, desk));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        var both = await Assert.ThrowsAsync<RpcException>(async () =>
            await fixture.Queries.FindComplaintAsync(new FindComplaintRequest { RegistrationNumber = submitted.RegistrationNumber, ComplaintId = submitted.ComplaintId }, desk));
        Assert.Equal(StatusCode.InvalidArgument, both.StatusCode);
        Assert.Contains("exactly one", both.Status.Detail);
    }
}
