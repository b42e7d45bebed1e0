using System.Buffers.Binary;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Oversight.ServiceDefaults.Limits;

/// <summary>
/// Reads the single request message of a unary or server-streaming gRPC call before the gRPC server does and checks it
/// is one well-formed frame of valid protobuf for the method's request type. The gRPC server itself answers a message it
/// cannot parse with Unknown ("Exception was thrown by handler"), which reads as a server fault; here truncated,
/// random or non-UTF-8 bodies answer InvalidArgument naming the type and the parser's reason, and an oversized one
/// ResourceExhausted, before authentication or any handler runs.
/// </summary>
public sealed class GrpcRequestGuardMiddleware(
    RequestDelegate next, GrpcRequestTypes requestTypes, RequestLimitsOptions limits, ILogger<GrpcRequestGuardMiddleware> logger)
{
    private const int FrameHeaderLength = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!requestTypes.TryGet(request.Path.Value ?? "", out var requestType)
            || request.ContentType?.StartsWith("application/grpc-web", StringComparison.OrdinalIgnoreCase) == true)
        {
            await next(context);
            return;
        }
        if (request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) != true)
        {
            // The gRPC server answers another content type on a method's path with Internal, a server fault to the caller.
            await RefuseAsync(context, StatusCode.InvalidArgument, "The request's Content-Type must be application/grpc (JSON goes to the REST routes).",
                StatusCodes.Status415UnsupportedMediaType);
            return;
        }

        var header = await ReadAtMostAsync(request.Body, FrameHeaderLength, context.RequestAborted);
        if (header.Length == FrameHeaderLength && BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1, 4)) is var declared
            && declared > limits.MaxReceiveMessageBytes)
        {
            // Refused from the frame header, without reading the message: the gRPC server itself failed on a declared
            // length past int.MaxValue (Unknown), and an unread large body must not hold the connection's other calls.
            await RefuseAsync(context, StatusCode.ResourceExhausted, $"The request message declares {declared} bytes, over the limit of {limits.MaxReceiveMessageBytes}.");
            return;
        }
        if (header.Length == FrameHeaderLength && header[0] == 1 && !HasEncoding(request))
        {
            await RefuseAsync(context, StatusCode.InvalidArgument, "The request's gRPC frame is marked compressed but no grpc-encoding header names the compression.");
            return;
        }
        var rest = await ReadAtMostAsync(request.Body, limits.MaxReceiveMessageBytes + 1L, context.RequestAborted);
        var body = header.Length < FrameHeaderLength ? header : [.. header, .. rest];

        var problem = FrameProblem(body);
        if (problem is null && body[0] == 0)
        {
            var invalidity = GrpcRequestTypes.Invalidity(requestType, body.AsSpan(FrameHeaderLength));
            if (invalidity is not null) problem = $"The request is not a valid {requestType.Name} message: {invalidity}";
        }
        if (problem is not null)
        {
            await RefuseAsync(context, StatusCode.InvalidArgument, problem);
            return;
        }

        // A compressed message (flag 1) is left to the gRPC server, which knows the encodings.
        request.Body = new MemoryStream(body, writable: false);
        await next(context);
    }

    /// <summary>Exactly one length-prefixed message: the gRPC server would otherwise fail on a short or doubled body with Internal.</summary>
    private static string? FrameProblem(byte[] body)
    {
        if (body.Length < FrameHeaderLength) return "The request has no complete gRPC message frame.";
        if (body[0] > 1) return "The request's gRPC frame has an unknown compression flag.";
        var declared = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1, 4));
        var actual = body.Length - FrameHeaderLength;
        if (declared > actual) return "The request's gRPC message is shorter than its frame declares.";
        if (declared < actual) return "The request carries more than one message; this method takes one.";
        return null;
    }

    private static async Task<byte[]> ReadAtMostAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while (buffer.Length < limit
               && (read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static bool HasEncoding(HttpRequest request) =>
        request.Headers["grpc-encoding"].ToString() is { Length: > 0 } encoding && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase);

    private async Task RefuseAsync(HttpContext context, StatusCode grpcStatus, string message, int httpStatus = StatusCodes.Status200OK)
    {
        logger.LogWarning("Refused {Path}: {Reason}", context.Request.Path, message);
        GrpcTrailersOnly.Write(context.Response, grpcStatus, message, httpStatus);
        await context.Response.CompleteAsync();
    }
}
