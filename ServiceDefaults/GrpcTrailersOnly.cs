using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Oversight.ServiceDefaults;

/// <summary>
/// A gRPC refusal written by middleware, before any gRPC handler runs: a "trailers-only" answer, whose status travels in
/// the response headers (the gRPC over HTTP/2 spec), so a gRPC client reads the status and message instead of a bare HTTP
/// error it would report as "Bad gRPC response".
/// </summary>
public static class GrpcTrailersOnly
{
    /// <summary>Whether the request is a gRPC call (gRPC-Web excluded: it has its own framing).</summary>
    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true
        && !request.ContentType.StartsWith("application/grpc-web", StringComparison.OrdinalIgnoreCase);

    /// <summary>Sets the answer's status and percent-encoded message; <paramref name="httpStatus"/> is 200 unless the HTTP layer must differ.</summary>
    public static void Write(HttpResponse response, StatusCode status, string message, int httpStatus = StatusCodes.Status200OK)
    {
        response.StatusCode = httpStatus;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = PercentEncode(message);
    }

    /// <summary>
    /// The spec's encoding of grpc-message: UTF-8, with only '%' and the bytes outside printable ASCII as %XX. Escaping
    /// more (':' or '/', as Uri.EscapeDataString does) is legal but not undone by every client: grpc-js decodes with
    /// JavaScript's decodeURI, which leaves "%3A" as it is.
    /// </summary>
    public static string PercentEncode(string message)
    {
        var encoded = new System.Text.StringBuilder(message.Length);
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%') encoded.Append((char)b);
            else encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return encoded.ToString();
    }
}
