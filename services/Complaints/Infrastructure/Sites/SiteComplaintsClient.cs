using Grpc.Core;

namespace Oversight.Complaints.Infrastructure.Sites;

/// <summary>
/// The centre's calls to a regional site's complaints service (one named client per site, <c>site-52</c>, through
/// service discovery: <c>http://_grpc.site-52-complaints</c>), for the steps the centre hands to the site that owns the
/// complaint (<c>SiteForwardingInterceptor</c>). Only the call invoker: the interceptor forwards any of the service's
/// methods as it came.
/// </summary>
public sealed class SiteComplaintsClient : ClientBase<SiteComplaintsClient>
{
    public SiteComplaintsClient(CallInvoker callInvoker) : base(callInvoker) { }

    private SiteComplaintsClient(ClientBaseConfiguration configuration) : base(configuration) { }

    public CallInvoker Invoker => CallInvoker;

    /// <summary>The named client of the site of <paramref name="province"/>.</summary>
    public static string NameFor(string province) => $"site-{province}";

    /// <summary>The site's complaints service as the AppHost names it, and its gRPC address through service discovery.</summary>
    public static Uri AddressOf(string province) => new($"http://_grpc.site-{province}-complaints");

    protected override SiteComplaintsClient NewInstance(ClientBaseConfiguration configuration) => new(configuration);
}
