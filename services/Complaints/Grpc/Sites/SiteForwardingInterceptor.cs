using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.ClientFactory;
using Oversight.Complaints.Grpc.Admission;
using Oversight.Complaints.Infrastructure.Sites;
using Oversight.Contracts.Complaints;
using Oversight.Security.Authentication;

namespace Oversight.Complaints.Grpc.Sites;

/// <summary>
/// At the centre, with regional sites: a call about one complaint (a read or a lifecycle step) that the centre does
/// not hold goes to the site that owns it, as it came, and the site's answer comes back. The site that took a
/// complaint is its only writer (docs/architecture.md, "Regional sites"), so a step is applied there or nowhere: never
/// twice, never forked. A site that cannot be reached turns the centre's NotFound into <c>Unavailable</c>, saying why.
/// Which sites are asked: the caller's own province's, or every site for a national caller.
/// </summary>
public sealed class SiteForwardingInterceptor(SiteJurisdiction jurisdiction, GrpcClientFactory clients, ILogger<SiteForwardingInterceptor> logger)
    : Interceptor
{
    /// <summary>How long the centre waits for a site before it tells the caller the site cannot be reached.</summary>
    private static readonly TimeSpan SiteDeadline = TimeSpan.FromSeconds(10);

    /// <summary>The methods of the complaints service that name one complaint (their request has <c>complaint_id</c>).</summary>
    public static readonly IReadOnlySet<string> AboutOneComplaint = ComplaintsReflection.Descriptor.Services.Single(s => s.Name == "Complaints")
        .Methods.Where(m => m.InputType.FindFieldByName("complaint_id") is not null && !m.IsClientStreaming && !m.IsServerStreaming)
        .Select(m => $"/{m.Service.FullName}/{m.Name}").ToHashSet(StringComparer.Ordinal);

    // Headers a forwarded call must not carry over: HTTP/2's own and gRPC's, which the client sets itself, and the
    // caller's trace context, which the client replaces with this call's, so the site's span hangs under the centre's.
    private static readonly string[] NotForwarded =
        ["te", "content-type", "user-agent", "host", "grpc-timeout", "grpc-accept-encoding", "grpc-encoding", "traceparent", "tracestate"];

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (jurisdiction.Elsewhere.Count == 0 || !AboutOneComplaint.Contains(context.Method)) return await continuation(request, context);
        try
        {
            return await continuation(request, context);
        }
        catch (RpcException notHere) when (notHere.StatusCode == StatusCode.NotFound)
        {
            var sites = SitesOf(context.GetHttpContext().User.RegionScopeOf());
            if (sites.Count == 0) throw;
            return await AskSitesAsync<TRequest, TResponse>(request, context, sites, notHere);
        }
    }

    private List<string> SitesOf(string? callerScope) => callerScope is null
        ? []
        : jurisdiction.Elsewhere.Where(province => callerScope.Length == 0 || callerScope.StartsWith(province, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();

    private async Task<TResponse> AskSitesAsync<TRequest, TResponse>(TRequest request, ServerCallContext context, List<string> sites,
        RpcException notHere) where TRequest : class where TResponse : class
    {
        var unreachable = new List<string>();
        foreach (var province in sites)
        {
            try
            {
                var invoker = clients.CreateClient<SiteComplaintsClient>(SiteComplaintsClient.NameFor(province)).Invoker;
                var options = new CallOptions(Forwarded(context.RequestHeaders), DateTime.UtcNow + SiteDeadline, context.CancellationToken);
                var answer = await invoker.AsyncUnaryCall(Methods<TRequest, TResponse>.For(context.Method), null, options, request);
                logger.LogInformation("{Method} answered by the regional site of province {Province}", context.Method, province);
                return answer;
            }
            catch (RpcException atSite) when (atSite.StatusCode == StatusCode.NotFound)
            {
                // Not this site's either: ask the next.
            }
            catch (RpcException atSite) when (atSite.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                logger.LogWarning("{Method}: the regional site of province {Province} cannot be reached ({Status})", context.Method, province, atSite.StatusCode);
                unreachable.Add(province);
            }
        }
        if (unreachable.Count == 0) throw notHere;
        var named = string.Join(", ", unreachable.Select(p => $"site-{p}-complaints"));
        throw new RpcException(new Status(StatusCode.Unavailable,
            $"complaint_id: not held at the national centre, and the regional site that may own it ({named}) cannot be reached: "
            + "its link is down; a site's complaint changes only at its site, so take the step there or try again when the link is back"));
    }

    private static Metadata Forwarded(Metadata incoming)
    {
        var headers = new Metadata();
        foreach (var entry in incoming)
        {
            if (entry.Key.StartsWith(':') || NotForwarded.Contains(entry.Key)) continue;
            if (entry.IsBinary) headers.Add(entry.Key, entry.ValueBytes);
            else headers.Add(entry.Key, entry.Value);
        }
        return headers;
    }

    /// <summary>A unary method of the service by its path, with protobuf marshallers for its messages.</summary>
    private static class Methods<TRequest, TResponse> where TRequest : class where TResponse : class
    {
        private static readonly Marshaller<TRequest> Requests = MarshallerOf<TRequest>();
        private static readonly Marshaller<TResponse> Responses = MarshallerOf<TResponse>();

        public static Method<TRequest, TResponse> For(string path)
        {
            var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            return new Method<TRequest, TResponse>(MethodType.Unary, parts[0], parts[1], Requests, Responses);
        }

        private static Marshaller<T> MarshallerOf<T>() where T : class
        {
            var parser = (MessageParser)typeof(T).GetProperty("Parser", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            return Marshallers.Create(message => ((IMessage)message).ToByteArray(), bytes => (T)parser.ParseFrom(bytes));
        }
    }
}
