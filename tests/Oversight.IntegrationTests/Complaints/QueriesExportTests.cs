using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Npgsql;
using Oversight.Contracts.Complaints;
using Oversight.IntegrationTests.EndToEnd;
using Oversight.Testing;

namespace Oversight.IntegrationTests.Complaints;

/// <summary>ExportComplaints: every complaint exactly once, as its public snapshot, never the reporter; only for admins and integrators in scope.</summary>
[Collection(nameof(QueriesCollection))]
public sealed class QueriesExportTests(QueriesSystemFixture fixture)
{
    [Fact]
    public async Task The_export_streams_every_complaint_once_with_no_reporter_data()
    {
        var mataram = await fixture.Complaints.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71"), await fixture.System.IntakeOfficerHeadersAsync("52.71"));
        await fixture.SubmitAsync(ComplaintSubmission.Laporan("74.71"));
        await fixture.SubmitAsync(ComplaintSubmission.Laporan(QueriesSystemFixture.LombokBarat));

        var exported = await ExportAsync(new ExportComplaintsRequest(), await fixture.OfficeHeadersAsync("", "integrator"));

        var stored = await StoredIdsAsync();
        Assert.Equal(stored.Order(), exported.Select(x => x.ComplaintId).Order());
        Assert.Equal(exported.Count, exported.Select(x => x.ComplaintId).Distinct().Count());

        // No reporter field anywhere: neither in the binary nor in the JSON form of any message.
        string[] secrets = [ComplaintSubmission.ReporterName, ComplaintSubmission.ReporterNik, ComplaintSubmission.ReporterPhone, ComplaintSubmission.ReporterEmail, "Siti"];
        foreach (var message in exported)
        {
            var json = JsonFormatter.Default.Format(message);
            var binary = Encoding.UTF8.GetString(message.ToByteArray());
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, json, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(secret, binary, StringComparison.OrdinalIgnoreCase);
            }
        }

        // The snapshot of a registered complaint, field by field where the intake fixed it.
        var one = exported.Single(x => x.ComplaintId == mataram.ComplaintId);
        Assert.Equal((1, "registered", "laporan", "52.71", 2), (one.Version, one.Status, one.Kind, one.RegionCode, one.ViolationType));
        Assert.Equal((mataram.HandlingOffice.Id, "52.71", mataram.RegistrationNumber), (one.HandlingOfficeId, one.HandlingRegionCode, one.RegistrationNumber));
        Assert.Equal(("Kecamatan Ampenan", mataram.OutsideElectionPeriod), (one.AccusedAgency, one.OutsideElectionPeriod));
        // The database keeps microseconds, the reply was formatted before storing: equal to the millisecond.
        Assert.InRange((DateTimeOffset.Parse(one.ReceivedAt) - DateTimeOffset.Parse(mataram.ReceivedAt)).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
        Assert.Equal(("", "", ""), (one.DecidedAt, one.Outcome, one.SanctionLevel));
        Assert.Equal(("review", "bawaslu"), (one.OpenDeadlineKind, one.OpenDeadlineOwner));
        Assert.True(DateTimeOffset.TryParse(one.OpenDeadlineDueAt, out var due) && due > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_regional_export_covers_its_subtree_and_needs_an_admin_or_integrator_in_scope()
    {
        await fixture.SubmitAsync(ComplaintSubmission.Laporan(QueriesSystemFixture.LombokBarat));
        await fixture.SubmitAsync(ComplaintSubmission.Laporan("74.71"));
        var provinceIntegrator = await fixture.OfficeHeadersAsync("52", "integrator");

        var ntb = await ExportAsync(new ExportComplaintsRequest { RegionCode = "52" }, provinceIntegrator);
        var storedNtb = await StoredIdsAsync("52");
        Assert.NotEmpty(storedNtb);
        Assert.Equal(storedNtb.Order(), ntb.Select(x => x.ComplaintId).Order());
        Assert.All(ntb, x => Assert.StartsWith("52.", x.RegionCode));

        var wholeCountry = await Assert.ThrowsAsync<RpcException>(() => ExportAsync(new ExportComplaintsRequest(), provinceIntegrator));
        Assert.Equal(StatusCode.PermissionDenied, wholeCountry.StatusCode);
        var otherProvince = await Assert.ThrowsAsync<RpcException>(() => ExportAsync(new ExportComplaintsRequest { RegionCode = "74" }, provinceIntegrator));
        Assert.Equal(StatusCode.PermissionDenied, otherProvince.StatusCode);
        var nationalReviewer = await fixture.OfficeHeadersAsync("", "reviewer");
        var reviewer = await Assert.ThrowsAsync<RpcException>(() => ExportAsync(new ExportComplaintsRequest(), nationalReviewer));
        Assert.Equal(StatusCode.PermissionDenied, reviewer.StatusCode);
        Assert.Contains("admin or integrator", reviewer.Status.Detail);

        // Over REST: one JSON object per line, the same complaints.
        using var http = fixture.System.Http(TestSystem.Complaints);
        using var rest = new HttpRequestMessage(HttpMethod.Get, "/v1/complaints:export?regionCode=52");
        rest.Headers.Authorization = new("Bearer", await fixture.System.AdminTokenAsync());
        using var response = await http.SendAsync(rest);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(storedNtb.Order(), lines.Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("complaintId").GetString()).Order());

        // The national admin may export too.
        Assert.Equal((await StoredIdsAsync()).Count, (await ExportAsync(new ExportComplaintsRequest(), await fixture.System.AdminHeadersAsync())).Count);
    }

    private async Task<List<ExportedComplaint>> ExportAsync(ExportComplaintsRequest request, Metadata headers)
    {
        using var call = fixture.Queries.ExportComplaints(request, headers);
        var messages = new List<ExportedComplaint>();
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            messages.Add(message);
        }
        return messages;
    }

    private async Task<List<string>> StoredIdsAsync(string regionPrefix = "")
    {
        await using var db = await fixture.OpenDatabaseAsync();
        await using var query = new NpgsqlCommand("SELECT id FROM complaints WHERE $1 = '' OR region_code = $1 OR region_code LIKE $1 || '.%'", db)
        {
            Parameters = { new() { Value = regionPrefix } },
        };
        var ids = new List<string>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0).ToString());
        }
        return ids;
    }
}
