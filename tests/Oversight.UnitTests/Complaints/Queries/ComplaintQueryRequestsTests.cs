using Oversight.Complaints.Grpc;
using Oversight.Complaints.Infrastructure.Queries;
using Oversight.Contracts.Complaints;

namespace Oversight.UnitTests.Complaints.Queries;

public sealed class ComplaintQueryRequestsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_empty_request_lists_the_first_page_of_50_within_the_callers_scope()
    {
        var filter = ComplaintQueryRequests.ToFilter(new ListComplaintsRequest(), "52.71", Now, out var errors);

        Assert.Empty(errors);
        Assert.NotNull(filter);
        Assert.Equal(("52.71", 50, null), (filter.CallerScope, filter.PageSize, filter.After));
        Assert.Null(filter.RegionCode);
        Assert.Null(filter.ViolationType);
        Assert.False(filter.OverdueOnly);
    }

    [Fact]
    public void Every_filter_is_carried_over()
    {
        var cursor = new ListCursor(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), Guid.NewGuid());
        var filter = ComplaintQueryRequests.ToFilter(new ListComplaintsRequest
        {
            RegionCode = "52",
            Status = "needs_completion",
            ViolationType = 6,
            Kind = "temuan",
            AccusedAgency = "  Dinas Pendidikan ",
            ReceivedFrom = "2026-11-01T00:00:00+08:00",
            ReceivedBefore = "2026-11-02T00:00:00Z",
            OverdueOnly = true,
            PageSize = 500,
            PageToken = cursor.Encode(),
        }, "", Now, out var errors)!;

        Assert.Empty(errors);
        Assert.Equal(("52", "needs_completion", 6, "temuan", "Dinas Pendidikan"), (filter.RegionCode, filter.Status, filter.ViolationType, filter.Kind, filter.AccusedAgency));
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 16, 0, 0, TimeSpan.Zero), filter.ReceivedFrom);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero), filter.ReceivedBefore);
        Assert.True(filter.OverdueOnly);
        Assert.Equal(500, filter.PageSize);
        Assert.Equal(cursor, filter.After);
    }

    [Fact]
    public void Each_bad_field_is_named_with_its_rule()
    {
        var filter = ComplaintQueryRequests.ToFilter(new ListComplaintsRequest
        {
            RegionCode = "52.7",
            Status = "Registered!",
            ViolationType = 13,
            Kind = "gossip",
            AccusedAgency = new string('a', 201),
            ReceivedFrom = "2026-11-02",
            ReceivedBefore = "yesterday",
            PageSize = 501,
            PageToken = "forged",
        }, "", Now, out var errors);

        Assert.Null(filter);
        Assert.Equal(
        [
            "region_code: must be a Kemendagri province or regency code like 52 or 52.71",
            "status: must be a status name like registered or under_review",
            "violation_type: must be between 1 and 12 (0 = any), got 13",
            "kind: must be laporan, temuan or informasi_awal",
            "accused_agency: at most 200 characters",
            "received_from: must be an RFC 3339 instant with an offset, like 2024-11-01T09:30:00+08:00",
            "received_before: must be an RFC 3339 instant with an offset, like 2024-11-01T09:30:00+08:00",
            "page_size: must be between 1 and 500 (0 = 50), got 501",
            "page_token: must be the next_page_token of a previous page",
        ], errors);
    }

    [Fact]
    public void A_date_range_must_not_be_empty()
    {
        ComplaintQueryRequests.ToFilter(new ListComplaintsRequest
        {
            ReceivedFrom = "2026-11-02T00:00:00Z",
            ReceivedBefore = "2026-11-02T00:00:00Z",
        }, "", Now, out var errors);

        Assert.Equal(["received_before: must be after received_from"], errors);
    }
}
