using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Oversight.Contracts.OfficeCredentials;
using Oversight.Contracts.RegionDirectory;
using Oversight.RegionDirectory.Grpc;
using Oversight.RegionDirectory.Infrastructure.Sites;
using Oversight.UnitTests.Support;

namespace Oversight.UnitTests.RegionDirectory;

/// <summary>A site's copy of the directory refuses every write and names where to make it; reads pass.</summary>
public sealed class ReadOnlyCopyInterceptorTests
{
    // The methods that only read. A method added to either service fails the first test until it is put here or
    // among the interceptor's writes: a new write must not slip past a site's copy.
    private static readonly string[] Reads =
    [
        "GetRegion", "ListChildren", "ListAncestors", "SearchRegions", "GetElectionCalendar", "GetCampaignStatus",
        "ListOffices", "GetOffice", "ListOfficials", "RouteComplaint", "ListClients",
    ];

    [Fact]
    public void Every_method_of_the_directory_is_either_a_read_or_a_refused_write()
    {
        var methods = new[] { RegionDirectoryReflection.Descriptor, OfficeCredentialsReflection.Descriptor }
            .Select(file => file.Services.Single())
            .SelectMany(service => service.Methods.Select(method => (Name: method.Name, Path: $"/{service.FullName}/{method.Name}")))
            .ToList();
        var unclassified = methods.Where(m => !Reads.Contains(m.Name) && !ReadOnlyCopyInterceptor.Writes.Contains(m.Path)).Select(m => m.Name);
        Assert.Empty(unclassified);
        Assert.Empty(methods.Where(m => Reads.Contains(m.Name) && ReadOnlyCopyInterceptor.Writes.Contains(m.Path)).Select(m => m.Name));
        Assert.Contains("/oversight.regiondirectory.v1.RegionDirectory/UpsertOffice", ReadOnlyCopyInterceptor.Writes);
    }

    [Fact]
    public async Task A_write_is_refused_with_where_to_make_it_and_never_reaches_the_service()
    {
        var interceptor = Interceptor();
        var reached = false;
        var refused = await Assert.ThrowsAsync<RpcException>(() => interceptor.UnaryServerHandler(new UpsertOfficeRequest(),
            new FakeServerCallContext("/oversight.regiondirectory.v1.RegionDirectory/UpsertOffice"),
            (_, _) => { reached = true; return Task.FromResult(new Office()); }));

        Assert.False(reached);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal("this is the region directory's read-only copy at regional site 52: make the change at the national centre's "
            + "region directory (http://localhost:5002); it reaches this copy within seconds while the link is up", refused.Status.Detail);
    }

    [Fact]
    public async Task A_read_passes()
    {
        var answer = await Interceptor().UnaryServerHandler(new GetOfficeRequest(),
            new FakeServerCallContext("/oversight.regiondirectory.v1.RegionDirectory/GetOffice"),
            (_, _) => Task.FromResult(new Office { Name = "Bawaslu Provinsi Nusa Tenggara Barat" }));
        Assert.Equal("Bawaslu Provinsi Nusa Tenggara Barat", answer.Name);
    }

    private static ReadOnlyCopyInterceptor Interceptor() => new(
        Options.Create(new DirectoryCopyOptions { Site = "52", Centre = "the national centre's region directory (http://localhost:5002)" }),
        NullLogger<ReadOnlyCopyInterceptor>.Instance);
}
