using System.Text;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Oversight.Contracts.Complaints;
using Oversight.ServiceDefaults.Limits;

namespace Oversight.UnitTests.Hostile;

/// <summary>The request guards in front of every service: JSON nesting depth and the single well-formed gRPC message.</summary>
public sealed class RequestGuardTests
{
    private const string SubmitPath = "/oversight.complaints.v1.Complaints/SubmitComplaint";
    private static readonly GrpcRequestTypes ComplaintsRequestTypes = new([ComplaintsReflection.Descriptor, ComplaintQueriesReflection.Descriptor]);

    [Theory]
    [InlineData("{}", 1)]
    [InlineData("{\"a\":[1,{\"b\":2}]}", 3)]
    [InlineData("[[[[[]]]]]", 5)]
    [InlineData("\"text\"", 0)]
    [InlineData("{\"a\":{\"b\":", 2)] // malformed after two levels: the depth seen so far
    [InlineData("not json", 0)]
    public void Json_depth_is_the_deepest_nesting_seen(string json, int depth) =>
        Assert.Equal(depth, JsonBodyGuardMiddleware.DepthOf(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("Authorization: Bearer <token> from POST /connect/token", "Authorization: Bearer <token> from POST /connect/token")]
    [InlineData("100% sure", "100%25 sure")]
    [InlineData("Kab. Pulau Taliabu — é", "Kab. Pulau Taliabu %E2%80%94 %C3%A9")]
    [InlineData("line\nbreak", "line%0Abreak")]
    public void A_refusal_message_is_percent_encoded_as_the_grpc_spec_says_only_outside_printable_ascii_and_percent(string message, string encoded)
    {
        // Every client must get the text back: grpc-js undoes only this minimal encoding (decodeURI keeps "%3A").
        Assert.Equal(encoded, Oversight.ServiceDefaults.GrpcTrailersOnly.PercentEncode(message));
        Assert.Equal(message, Uri.UnescapeDataString(encoded));
    }

    [Fact]
    public void Json_nested_far_beyond_the_readers_default_limit_is_measured_not_thrown()
    {
        var json = new string('[', 5000) + new string(']', 5000);
        Assert.Equal(5000, JsonBodyGuardMiddleware.DepthOf(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public async Task A_json_body_deeper_than_the_limit_is_refused_with_400_before_the_pipeline()
    {
        var (context, reached) = await RunJsonGuardAsync(new string('[', 40) + new string(']', 40));
        Assert.False(reached);
        Assert.Equal(400, context.Response.StatusCode);
    }

    [Fact]
    public async Task A_json_body_within_the_limit_reaches_the_pipeline_unchanged()
    {
        var (context, reached) = await RunJsonGuardAsync("{\"kind\":\"laporan\"}");
        Assert.True(reached);
        Assert.Equal("{\"kind\":\"laporan\"}", await new StreamReader(context.Request.Body).ReadToEndAsync());
    }

    [Fact]
    public void Request_types_are_found_by_grpc_path_for_the_protos_served()
    {
        Assert.True(ComplaintsRequestTypes.TryGet(SubmitPath, out var type));
        Assert.Equal(SubmitComplaintRequest.Descriptor.FullName, type.FullName);
        Assert.True(ComplaintsRequestTypes.TryGet("/oversight.complaints.v1.ComplaintQueries/FindComplaint", out _));
        // Not served here: another service's method, and reflection (a client-streaming call, left to the gRPC server).
        Assert.False(ComplaintsRequestTypes.TryGet("/oversight.reporting.v1.Reporting/GetSummary", out _));
        Assert.False(ComplaintsRequestTypes.TryGet("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", out _));
    }

    [Fact]
    public async Task A_truncated_grpc_message_answers_invalid_argument_naming_the_type()
    {
        var message = ComplaintSubmission.Laporan("52.71").Build().ToByteArray();
        var (context, reached) = await RunGrpcGuardAsync(Frame(message[..(message.Length - 3)], declaredLength: message.Length - 3));
        Assert.False(reached);
        Assert.Equal("3", context.Response.Headers["grpc-status"].ToString());
        Assert.Contains("SubmitComplaintRequest", Uri.UnescapeDataString(context.Response.Headers["grpc-message"].ToString()));
    }

    [Fact]
    public async Task A_frame_declaring_more_bytes_than_sent_answers_invalid_argument()
    {
        var (context, reached) = await RunGrpcGuardAsync(Frame([0x0A, 0x01, 0x61], declaredLength: 100));
        Assert.False(reached);
        Assert.Equal("3", context.Response.Headers["grpc-status"].ToString());
    }

    [Fact]
    public async Task A_valid_grpc_message_reaches_the_server_byte_for_byte()
    {
        var frame = Frame(ComplaintSubmission.Laporan("52.71").Build().ToByteArray());
        var (context, reached) = await RunGrpcGuardAsync(frame);
        Assert.True(reached);
        using var copy = new MemoryStream();
        await context.Request.Body.CopyToAsync(copy);
        Assert.Equal(frame, copy.ToArray());
    }

    [Theory]
    [InlineData(2u * 1024 * 1024)]
    [InlineData(uint.MaxValue)] // 4 GiB: the gRPC server itself answered Unknown
    public async Task A_frame_declaring_more_than_the_limit_is_refused_from_its_header_with_resource_exhausted(uint declared)
    {
        var frame = Frame(new byte[64]);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), declared);
        var (context, reached) = await RunGrpcGuardAsync(frame);
        Assert.False(reached);
        Assert.Equal("8", context.Response.Headers["grpc-status"].ToString());
        Assert.Contains($"declares {declared} bytes", Uri.UnescapeDataString(context.Response.Headers["grpc-message"].ToString()));
    }

    [Fact]
    public async Task A_compressed_frame_without_an_encoding_is_invalid_and_with_one_goes_to_the_grpc_server()
    {
        var frame = Frame([0x1f, 0x8b, 0x08]);
        frame[0] = 1;
        var (refused, reachedWithout) = await RunGrpcGuardAsync(frame);
        Assert.False(reachedWithout);
        Assert.Equal("3", refused.Response.Headers["grpc-status"].ToString());
        Assert.Contains("grpc-encoding", Uri.UnescapeDataString(refused.Response.Headers["grpc-message"].ToString()));

        var (_, reachedWithGzip) = await RunGrpcGuardAsync(frame, encoding: "gzip");
        Assert.True(reachedWithGzip);
    }

    [Fact]
    public async Task Another_content_type_on_a_methods_path_is_415_with_invalid_argument()
    {
        var (context, reached) = await RunGrpcGuardAsync("{}"u8.ToArray(), contentType: "application/json");
        Assert.False(reached);
        Assert.Equal(415, context.Response.StatusCode);
        Assert.Equal("3", context.Response.Headers["grpc-status"].ToString());
    }

    private static byte[] Frame(byte[] message, int? declaredLength = null)
    {
        var frame = new byte[5 + message.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)(declaredLength ?? message.Length));
        message.CopyTo(frame, 5);
        return frame;
    }

    private static async Task<(HttpContext Context, bool Reached)> RunGrpcGuardAsync(byte[] body, string contentType = "application/grpc", string? encoding = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = SubmitPath;
        context.Request.ContentType = contentType;
        if (encoding is not null) context.Request.Headers["grpc-encoding"] = encoding;
        context.Request.Body = new MemoryStream(body);
        var reached = false;
        var guard = new GrpcRequestGuardMiddleware(_ => { reached = true; return Task.CompletedTask; },
            ComplaintsRequestTypes, new RequestLimitsOptions(), NullLogger<GrpcRequestGuardMiddleware>.Instance);
        await guard.InvokeAsync(context);
        return (context, reached);
    }

    private static async Task<(HttpContext Context, bool Reached)> RunJsonGuardAsync(string json)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/v1/complaints";
        context.Request.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(json);
        context.Request.ContentLength = bytes.Length;
        context.Request.Body = new MemoryStream(bytes);
        context.Response.Body = new MemoryStream();
        var reached = false;
        var guard = new JsonBodyGuardMiddleware(_ => { reached = true; return Task.CompletedTask; },
            new RequestLimitsOptions(), NullLogger<JsonBodyGuardMiddleware>.Instance);
        await guard.InvokeAsync(context);
        return (context, reached);
    }
}
