using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Oversight.ServiceDefaults.Limits;

/// <summary>
/// Reads every non-gRPC request body up front, under Kestrel's size limit, so an oversized body answers 413 and a
/// body nested deeper than <see cref="RequestLimitsOptions.MaxJsonDepth"/> answers 400, both before JSON transcoding
/// (which would otherwise meet them mid-parse). gRPC bodies are left alone: the gRPC server limits its own messages.
/// </summary>
public sealed class JsonBodyGuardMiddleware(RequestDelegate next, RequestLimitsOptions limits, ILogger<JsonBodyGuardMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (IsGrpc(request) || !HasBody(request))
        {
            await next(context);
            return;
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, context.RequestAborted);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's MaxRequestBodySize (413) or a malformed/too slow body (400).
            logger.LogWarning("Refused {Method} {Path}: {Reason}", request.Method, request.Path, ex.Message);
            await RefuseAsync(context, ex.StatusCode,
                ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? $"The request body is larger than the limit of {limits.MaxRequestBodyBytes} bytes."
                    : "The request body could not be read.");
            return;
        }

        if (DepthOf(body) > limits.MaxJsonDepth)
        {
            logger.LogWarning("Refused {Method} {Path}: JSON nested deeper than {MaxDepth}", request.Method, request.Path, limits.MaxJsonDepth);
            await RefuseAsync(context, StatusCodes.Status400BadRequest,
                $"The request body is JSON nested deeper than the limit of {limits.MaxJsonDepth} levels.");
            return;
        }

        request.Body = new MemoryStream(body, writable: false);
        await next(context);
    }

    private static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    /// <summary>The deepest nesting reached before the JSON ends or turns out malformed (transcoding reports malformed JSON itself).</summary>
    public static int DepthOf(ReadOnlySpan<byte> json)
    {
        // The body is at most MaxRequestBodyBytes, so the nesting cannot exceed its length; the reader's own limit stays out of the way.
        var reader = new Utf8JsonReader(json, new JsonReaderOptions
        {
            MaxDepth = Math.Max(64, json.Length + 1),
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        var deepest = 0;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    deepest = Math.Max(deepest, reader.CurrentDepth + 1);
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON, or malformed after the depth seen so far.
        }
        return deepest;
    }

    private static async Task RefuseAsync(HttpContext context, int status, string message)
    {
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = status;
        // The shape JSON transcoding uses for its own errors (google.rpc.Status).
        var code = status == StatusCodes.Status413PayloadTooLarge ? 8 : 3; // RESOURCE_EXHAUSTED : INVALID_ARGUMENT
        await context.Response.WriteAsJsonAsync(new { code, message, details = Array.Empty<object>() }, context.RequestAborted);
    }
}
