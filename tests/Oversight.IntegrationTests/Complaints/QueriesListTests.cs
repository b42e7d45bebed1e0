using System.Net;
using Grpc.Core;
using Npgsql;
using Oversight.Contracts.Complaints;
using Oversight.IntegrationTests.EndToEnd;
using Oversight.Testing;

namespace Oversight.IntegrationTests.Complaints;

/// <summary>
/// ListComplaints over real servers: each filter lists exactly the expected complaints, paging is stable while new
/// complaints arrive, results never leave the caller's region scope, and an oversized page is refused.
/// Each test lists only what it submitted, by filtering on its own start time (the tests of the collection run in turn).
/// </summary>
[Collection(nameof(QueriesCollection))]
public sealed class QueriesListTests(QueriesSystemFixture fixture)
{
    private const string Mataram = "52.71";
    private const string Kendari = "74.71";

    [Fact]
    public async Task Each_filter_lists_exactly_the_matching_complaints_within_the_callers_scope()
    {
        var start = Now();
        var a = await fixture.SubmitAsync(Laporan(Mataram, 2, "Kecamatan Ampenan"));
        var b = await fixture.SubmitAsync(Laporan(Mataram, 6, "Dinas Pendidikan Kota Mataram"));
        var afterAb = Now();
        var c = await fixture.SubmitAsync(Laporan(QueriesSystemFixture.LombokBarat, 2, "Kecamatan Gerung"));
        var d = await fixture.SubmitAsync(Laporan(Kendari, 2, "Kecamatan Mandonga"));
        var e = await fixture.SubmitAsync(Laporan(Mataram, 3, "Kecamatan Selaparang") with { Place = "" });
        var f = await fixture.SubmitAsync(ComplaintSubmission.Tip(Mataram, "Ada kabar seorang lurah ikut kampanye."));
        await MakeOverdueAsync(c);

        var national = await fixture.System.AdminHeadersAsync();
        async Task<string[]> Ids(ListComplaintsRequest request, Metadata? headers = null)
        {
            request.ReceivedFrom = start;
            request.PageSize = 500;
            var reply = await fixture.Queries.ListComplaintsAsync(request, headers ?? national);
            Assert.Empty(reply.NextPageToken);
            return [.. reply.Complaints.Select(x => x.ComplaintId).Order()];
        }
        string[] Expect(params string[] ids) => [.. ids.Order()];

        Assert.Equal(Expect(a, b, c, d, e, f), await Ids(new()));
        Assert.Equal(Expect(a, b, c, e, f), await Ids(new() { RegionCode = "52" }));
        Assert.Equal(Expect(a, b, e, f), await Ids(new() { RegionCode = Mataram }));
        Assert.Equal(Expect(c), await Ids(new() { RegionCode = QueriesSystemFixture.LombokBarat }));
        Assert.Equal(Expect(d), await Ids(new() { RegionCode = "74" }));
        Assert.Equal(Expect(a, b, c, d), await Ids(new() { Status = "registered" }));
        Assert.Equal(Expect(e), await Ids(new() { Status = "needs_completion" }));
        Assert.Equal(Expect(b), await Ids(new() { ViolationType = 6 }));
        Assert.Equal(Expect(a, c), await Ids(new() { RegionCode = "52", ViolationType = 2 }));
        Assert.Equal(Expect(f), await Ids(new() { Kind = "informasi_awal" }));
        Assert.Equal(Expect(b), await Ids(new() { AccusedAgency = "pendidikan" }));
        Assert.Equal(Expect(a, b), await Ids(new() { ReceivedBefore = afterAb }));
        Assert.Equal(Expect(c), await Ids(new() { OverdueOnly = true }));

        // Scope: Kendari sees only Kendari, even asking for the province of Mataram; Mataram's office does not see
        // Lombok Barat (handled by the province); the province's office sees all of NTB.
        var kendari = await fixture.OfficeHeadersAsync(Kendari, "reviewer");
        Assert.Empty(await Ids(new() { RegionCode = "52" }, kendari));
        Assert.Empty(await Ids(new() { RegionCode = Mataram }, kendari));
        Assert.Equal(Expect(d), await Ids(new(), kendari));
        Assert.Equal(Expect(a, b, e, f), await Ids(new(), await fixture.OfficeHeadersAsync(Mataram, "intake_officer")));
        Assert.Equal(Expect(a, b, c, e, f), await Ids(new(), await fixture.OfficeHeadersAsync("52", "reviewer")));

        // The snapshot fields: the registered Mataram complaint waits on its review.
        var listed = (await fixture.Queries.ListComplaintsAsync(new ListComplaintsRequest { ReceivedFrom = start, ViolationType = 6 }, national)).Complaints.Single();
        Assert.Equal((1, "registered", "laporan", Mataram, Mataram), (listed.Version, listed.Status, listed.Kind, listed.RegionCode, listed.HandlingRegionCode));
        Assert.StartsWith($"{Mataram}/LP/", listed.RegistrationNumber);
        Assert.Equal(("review", "bawaslu"), (listed.OpenDeadlineKind, listed.OpenDeadlineOwner));
        Assert.NotEmpty(listed.OpenDeadlineDueAt);
        Assert.Equal("Dinas Pendidikan Kota Mataram", listed.AccusedAgency);
    }

    [Fact]
    public async Task Paging_by_two_lists_every_complaint_once_in_a_stable_order_while_new_ones_arrive()
    {
        var start = Now();
        var submitted = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            submitted.Add(await fixture.SubmitAsync(Laporan(i % 2 == 0 ? Mataram : Kendari, 2, "Kecamatan Ampenan")));
        }
        var national = await fixture.System.AdminHeadersAsync();

        var seen = new List<ExportedComplaint>();
        var token = "";
        var pages = 0;
        string? late = null;
        do
        {
            var page = await fixture.Queries.ListComplaintsAsync(new ListComplaintsRequest { ReceivedFrom = start, PageSize = 2, PageToken = token }, national);
            Assert.True(page.Complaints.Count <= 2);
            seen.AddRange(page.Complaints);
            token = page.NextPageToken;
            if (++pages == 1)
            {
                // Received after the first page was read: newer than everything listed, so it shifts no later page.
                late = await fixture.SubmitAsync(Laporan(Mataram, 4, "Kecamatan Ampenan"));
            }
        }
        while (token.Length > 0 && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(submitted.Order(), seen.Select(x => x.ComplaintId).Order());
        // Newest first, each exactly once.
        Assert.Equal(submitted.AsEnumerable().Reverse(), seen.Select(x => x.ComplaintId));
        var receivedAt = seen.Select(x => DateTimeOffset.Parse(x.ReceivedAt)).ToList();
        Assert.Equal(receivedAt.OrderDescending(), receivedAt);

        // Paging again from the start lists the late one first.
        var again = await fixture.Queries.ListComplaintsAsync(new ListComplaintsRequest { ReceivedFrom = start, PageSize = 2 }, national);
        Assert.Equal(late, again.Complaints[0].ComplaintId);
    }

    [Fact]
    public async Task A_page_size_over_500_and_a_forged_page_token_are_refused_naming_the_field()
    {
        var national = await fixture.System.AdminHeadersAsync();
        var tooLarge = await Assert.ThrowsAsync<RpcException>(async () =>
            await fixture.Queries.ListComplaintsAsync(new ListComplaintsRequest { PageSize = 501 }, national));
        Assert.Equal(StatusCode.InvalidArgument, tooLarge.StatusCode);
        Assert.Contains("page_size: must be between 1 and 500", tooLarge.Status.Detail);

        var forged = await Assert.ThrowsAsync<RpcException>(async () =>
            await fixture.Queries.ListComplaintsAsync(new ListComplaintsRequest { PageToken = "not-a-token" }, national));
        Assert.Contains("page_token:", forged.Status.Detail);

        var badRegion = await Assert.ThrowsAsync<RpcException>(async () =>
            await fixture.Queries.ListComplaintsAsync(new ListComplaintsRequest { RegionCode = "52.7" }, national));
        Assert.Contains("region_code: must be a Kemendagri", badRegion.Status.Detail);

        // The same over REST: 400 naming the field.
        using var http = fixture.System.Http(TestSystem.Complaints);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/complaints?pageSize=501");
        request.Headers.Authorization = new("Bearer", await fixture.System.AdminTokenAsync());
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("page_size", await response.Content.ReadAsStringAsync());

        var anonymous = await Assert.ThrowsAsync<RpcException>(async () => await fixture.Queries.ListComplaintsAsync(new ListComplaintsRequest()));
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
    }

    private static ComplaintSubmission Laporan(string regionCode, int violationType, string agency) =>
        ComplaintSubmission.Laporan(regionCode) with { ViolationType = violationType, Reported = ComplaintSubmission.Accused with { Agency = agency } };

    // Second precision would let a complaint of the previous test slip in: keep the instant exact.
    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    // Time passing, without waiting days: the review deadline fell due an hour ago.
    private async Task MakeOverdueAsync(string complaintId)
    {
        await using var db = await fixture.OpenDatabaseAsync();
        await using var update = new NpgsqlCommand(
            "UPDATE complaint_deadlines SET approaching_at = now() - interval '2 hours', due_at = now() - interval '1 hour' WHERE complaint_id = $1 AND closed_at IS NULL", db)
        {
            Parameters = { new() { Value = Guid.Parse(complaintId) } },
        };
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
    }
}
