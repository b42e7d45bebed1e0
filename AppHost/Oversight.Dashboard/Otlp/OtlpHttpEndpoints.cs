using System.IO.Compression;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace Oversight.Dashboard.Otlp;

/// <summary>
/// OTLP/HTTP with binary protobuf: <c>POST /v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>, body
/// <c>application/x-protobuf</c> (optionally gzip-encoded), answered with the OTLP response message.
/// </summary>
internal static class OtlpHttpEndpoints
{
    public const string ProtobufContentType = "application/x-protobuf";

    public static void MapOtlpHttp(this IEndpointRouteBuilder endpoints, long maxRequestBytes)
    {
        endpoints.MapPost("/v1/traces", (HttpContext context, OtlpConverter converter) =>
            HandleAsync(context, maxRequestBytes, ExportTraceServiceRequest.Parser, r => OtlpResponses.Traces(converter.StoreTraces(r))))
            .WithMetadata(RequiresOtlpApiKey.Instance);
        endpoints.MapPost("/v1/metrics", (HttpContext context, OtlpConverter converter) =>
            HandleAsync(context, maxRequestBytes, ExportMetricsServiceRequest.Parser, r => OtlpResponses.Metrics(converter.StoreMetrics(r))))
            .WithMetadata(RequiresOtlpApiKey.Instance);
        endpoints.MapPost("/v1/logs", (HttpContext context, OtlpConverter converter) =>
            HandleAsync(context, maxRequestBytes, ExportLogsServiceRequest.Parser, r => OtlpResponses.Logs(converter.StoreLogs(r))))
            .WithMetadata(RequiresOtlpApiKey.Instance);
    }

    private static async Task HandleAsync<TRequest>(HttpContext context, long maxRequestBytes, MessageParser<TRequest> parser, Func<TRequest, IMessage> store)
        where TRequest : IMessage<TRequest>
    {
        var contentType = context.Request.ContentType ?? "";
        if (!contentType.StartsWith(ProtobufContentType, StringComparison.OrdinalIgnoreCase))
        {
            await PlainAsync(context, StatusCodes.Status415UnsupportedMediaType, $"Send OTLP as {ProtobufContentType}.");
            return;
        }
        if (context.Request.ContentLength > maxRequestBytes)
        {
            await PlainAsync(context, StatusCodes.Status413PayloadTooLarge, $"The request is larger than {maxRequestBytes} bytes.");
            return;
        }

        byte[] body;
        try
        {
            body = await ReadBoundedAsync(context.Request, maxRequestBytes, context.RequestAborted);
        }
        catch (PayloadTooLargeException)
        {
            await PlainAsync(context, StatusCodes.Status413PayloadTooLarge, $"The request is larger than {maxRequestBytes} bytes.");
            return;
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            var tooLarge = ex is BadHttpRequestException;
            await PlainAsync(context, tooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
                tooLarge ? $"The request is larger than {maxRequestBytes} bytes." : "The gzip body is not valid.");
            return;
        }

        TRequest request;
        try
        {
            request = parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException)
        {
            await PlainAsync(context, StatusCodes.Status400BadRequest, "The body is not a valid OTLP protobuf message.");
            return;
        }

        var response = store(request);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ProtobufContentType;
        await context.Response.Body.WriteAsync(response.ToByteArray(), context.RequestAborted);
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        var encoding = request.Headers.ContentEncoding.ToString();
        Stream source = request.Body;
        GZipStream? gzip = null;
        if (encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase)) source = gzip = new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true);
        else if (encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase)) throw new InvalidDataException();

        await using (gzip)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
            {
                // A decompressed body is bounded too: a small gzip bomb must not fill the memory.
                if (buffer.Length + read > maxBytes) throw new PayloadTooLargeException();
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
    }

    private static async Task PlainAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        // The unread rest of an oversized body would be read as the next request: end the connection.
        if (status == StatusCodes.Status413PayloadTooLarge) context.Response.Headers.Connection = "close";
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message, context.RequestAborted);
    }

    private sealed class PayloadTooLargeException : Exception;
}
