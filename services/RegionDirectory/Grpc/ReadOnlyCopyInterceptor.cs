using Grpc.Core;
using Grpc.Core.Interceptors;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.Options;
using Oversight.Contracts.OfficeCredentials;
using Oversight.Contracts.RegionDirectory;
using Oversight.RegionDirectory.Infrastructure.Sites;

namespace Oversight.RegionDirectory.Grpc;

/// <summary>
/// At a regional site, the directory is a copy of the centre's: every write is refused before it reaches a service
/// method, with <c>FailedPrecondition</c> and where to make it (the copy would lose it at the next snapshot, and the
/// centre would never hear of it). Reads are served from the copy, so nothing a site's desk does waits on the centre.
/// </summary>
public sealed class ReadOnlyCopyInterceptor(IOptions<DirectoryCopyOptions> options, ILogger<ReadOnlyCopyInterceptor> logger) : Interceptor
{
    /// <summary>Every method that writes, as gRPC names it (<c>/package.Service/Method</c>).</summary>
    public static readonly IReadOnlySet<string> Writes = new HashSet<string>(StringComparer.Ordinal)
    {
        Method(RegionDirectoryReflection.Descriptor, "ImportRegions"),
        Method(RegionDirectoryReflection.Descriptor, "UpsertOffice"),
        Method(RegionDirectoryReflection.Descriptor, "DeleteOffice"),
        Method(RegionDirectoryReflection.Descriptor, "UpsertOfficial"),
        Method(RegionDirectoryReflection.Descriptor, "DeleteOfficial"),
        Method(OfficeCredentialsReflection.Descriptor, "RegisterClient"),
        Method(OfficeCredentialsReflection.Descriptor, "RevokeClient"),
        Method(OfficeCredentialsReflection.Descriptor, "RotateSecret"),
    };

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (Writes.Contains(context.Method))
        {
            var copy = options.Value;
            logger.LogInformation("Write {Method} refused: this directory is site {Site}'s read-only copy", context.Method, copy.Site);
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"this is the region directory's read-only copy at regional site {copy.Site}: make the change at {copy.Centre}; it reaches this copy within seconds while the link is up"));
        }
        return continuation(request, context);
    }

    // The file's one service and one of its methods, checked, so a renamed method fails at start rather than being let through.
    private static string Method(FileDescriptor file, string name)
    {
        var service = file.Services.Single();
        return service.FindMethodByName(name) is { } method
            ? $"/{service.FullName}/{method.Name}"
            : throw new ArgumentException($"{service.FullName} has no method {name}");
    }
}
