using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Oversight.Testing;

namespace Oversight.IntegrationTests.Hostile;

/// <summary>
/// Every public gRPC method and every REST route of the contracts, attacked with generated malformed and oversized input,
/// without a token and with a token holding every role: each answer is a client error (never Internal/Unknown or a 5xx),
/// every process still answers /health, and no hostile submission is stored. Prints per endpoint the inputs tried and the faults.
/// </summary>
public sealed class HostileInputTests(HostileSystemFixture fixture) : IClassFixture<HostileSystemFixture>
{
    /// <summary>Answers that mean the server, not the caller, failed; nothing is down here, so Unavailable counts too.</summary>
    private static readonly HashSet<StatusCode> ServerFaults =
        [StatusCode.Internal, StatusCode.Unknown, StatusCode.DataLoss, StatusCode.Unavailable, StatusCode.DeadlineExceeded];

    private static readonly Marshaller<byte[]> RawBytes = Marshallers.Create(bytes => bytes, bytes => bytes);

    private TestSystem System => fixture.System;

    [Fact]
    public void The_catalogue_covers_every_service_of_the_contracts()
    {
        Assert.Equal(ContractCatalogue.ServiceNames.Count(), ContractCatalogue.Methods.Select(m => m.Method.Service.FullName).Distinct().Count());
        Assert.True(ContractCatalogue.Methods.Count >= 30, $"only {ContractCatalogue.Methods.Count} methods found");
        Assert.Contains(ContractCatalogue.Methods, m => m.FullName == "oversight.complaints.v1.Complaints/SubmitComplaint" && m.Routes.Any(r => r.ToString() == "POST /v1/complaints"));
        Assert.Contains(ContractCatalogue.Methods, m => m.Routes.Any(r => r.ToString() == "GET /v1/regions"));
    }

    [Fact]
    public async Task Every_grpc_method_answers_hostile_protobuf_with_a_client_error()
    {
        var storedBefore = await fixture.StoredComplaintsAsync();
        var tally = new HostileTally();

        await Parallel.ForEachAsync(ContractCatalogue.Methods, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (method, _) =>
        {
            var invoker = System.Channel(method.Service).CreateCallInvoker();
            foreach (var payload in GrpcPayloads.For(method.Method.InputType))
            {
                foreach (var (who, headers) in Callers())
                {
                    var (answer, detail) = await CallAsync(invoker, method, payload.Bytes, headers);
                    tally.Record(method.FullName, $"{payload.Name} ({who}) [{detail}]", answer.ToString(), ServerFaults.Contains(answer));
                }
            }
        });
        foreach (var service in ContractCatalogue.ServiceNames)
        {
            var host = ContractCatalogue.HostOf(ContractCatalogue.Files.SelectMany(f => f.Services).Single(s => s.FullName == service));
            var unknown = new PublicMethod(host, ContractCatalogue.Methods.First(m => m.Method.Service.FullName == service).Method, []);
            var (answer, _) = await CallAsync(System.Channel(host).CreateCallInvoker(), unknown, [], fixture.EveryRoleHeaders, methodName: "NoSuchMethod");
            tally.Record($"{service}/NoSuchMethod", "empty", answer.ToString(), answer != StatusCode.Unimplemented);
        }

        Publish(tally, "Hostile gRPC input, per method (protobuf bodies; no token and an every-role token)", "hostile-input-grpc.txt");
        if (tally.Faults.Count > 0) PublishDatabaseWarnings();
        Assert.Empty(tally.Faults);
        await AssertStillStandingAsync(storedBefore);
    }

    [Fact]
    public async Task Every_rest_route_answers_hostile_json_with_a_client_error()
    {
        var storedBefore = await fixture.StoredComplaintsAsync();
        var tally = new HostileTally();
        var routes = ContractCatalogue.Methods.SelectMany(m => m.Routes.Select(r => (Method: m, Route: r))).ToList();
        Assert.NotEmpty(routes);

        await Parallel.ForEachAsync(routes, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (entry, _) =>
        {
            using var http = System.Http(entry.Method.Service);
            http.Timeout = TimeSpan.FromSeconds(60);
            foreach (var payload in RestPayloads.For(entry.Route, entry.Method.Method.InputType))
            {
                foreach (var (who, token) in new[] { ("no token", (string?)null), ("every role", fixture.EveryRoleToken) })
                {
                    var answer = await SendAsync(http, entry.Route.Verb, payload, token);
                    tally.Record(entry.Route.ToString(), $"{payload.Name} ({who})", answer,
                        answer.StartsWith('5') || answer.StartsWith("transport", StringComparison.Ordinal) || answer.Contains("leaking", StringComparison.Ordinal));
                }
            }
        });

        Publish(tally, "Hostile REST input, per route (JSON transcoding; no token and an every-role token)", "hostile-input-rest.txt");
        if (tally.Faults.Count > 0) PublishDatabaseWarnings();
        Assert.Empty(tally.Faults);
        await AssertStillStandingAsync(storedBefore);
    }

    [Fact]
    public async Task Every_grpc_method_answers_raw_frames_beyond_the_limit_compressed_flags_and_wrong_content_types_with_a_client_error()
    {
        // Issue 16: a frame declaring 4 GiB answered Unknown, a compressed flag without grpc-encoding and a JSON
        // content type answered Internal. Sent as raw HTTP/2 frames, which no gRPC client library would send.
        var tally = new HostileTally();
        await Parallel.ForEachAsync(ContractCatalogue.Methods, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (method, _) =>
        {
            using var http = RawHttp2(method.Service);
            var path = "/" + method.FullName;
            foreach (var (name, body, contentType, encoding, expected) in RawFrames)
            {
                var (status, grpcStatus, text) = await SendRawAsync(http, path, body, contentType, encoding);
                var answer = $"HTTP {(int)status} grpc-status {grpcStatus ?? "none"}{(grpcStatus is null ? " " + text : "")}";
                tally.Record(method.FullName, name, answer, !expected.Contains(grpcStatus) || (int)status >= 500);
            }
        });
        Publish(tally, "Raw gRPC frames, per method (declared lengths, compression flags, content types)", "hostile-input-frames.txt");
        Assert.Empty(tally.Faults);
    }

    /// <summary>
    /// Each raw request and the gRPC statuses it may get (8 ResourceExhausted, 3 InvalidArgument; an unknown encoding is
    /// 12 Unimplemented from the gRPC server, or 16 Unauthenticated first where the method needs a token).
    /// </summary>
    private static readonly (string Name, byte[] Body, string ContentType, string? Encoding, string[] Expected)[] RawFrames =
    [
        ("frame declaring 4 GiB", [0, 0xFF, 0xFF, 0xFF, 0xFF], "application/grpc", null, ["8"]),
        ("frame declaring 2 MiB, 5 bytes sent", [0, 0x00, 0x20, 0x00, 0x00], "application/grpc", null, ["8"]),
        ("compressed flag without grpc-encoding", [1, 0, 0, 0, 2, 0x1f, 0x8b], "application/grpc", null, ["3"]),
        ("compressed flag with an unknown grpc-encoding", [1, 0, 0, 0, 2, 0x1f, 0x8b], "application/grpc", "br", ["12", "16"]),
        ("JSON content type", "{}"u8.ToArray(), "application/json", null, ["3"]),
        ("form content type", "a=1"u8.ToArray(), "application/x-www-form-urlencoded", null, ["3"]),
        ("text content type with a NUL", "a\0b"u8.ToArray(), "text/plain", null, ["3"]),
    ];

    [Fact]
    public async Task Large_messages_on_one_connection_are_refused_alone_and_the_small_calls_beside_them_are_answered()
    {
        // Issue 16: ten 1.2 MB messages on one HTTP/2 connection made the server reset 20 small calls beside them and
        // answer none of the large ones within 30 s. One channel is one connection.
        var channel = GrpcChannel.ForAddress(System.Project(TestSystem.RegionDirectory).Endpoint("grpc"));
        var invoker = channel.CreateCallInvoker();
        var getRegion = new Method<byte[], byte[]>(MethodType.Unary, "oversight.regiondirectory.v1.RegionDirectory", "GetRegion", RawBytes, RawBytes);
        var large = new byte[1_200_000];
        var small = new Oversight.Contracts.RegionDirectory.GetRegionRequest { Code = "52.71" }.ToByteArray();
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30));

        var largeCalls = Enumerable.Range(0, 10).Select(async _ =>
        {
            try
            {
                await invoker.AsyncUnaryCall(getRegion, null, options, large);
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        }).ToList();
        var smallCalls = Enumerable.Range(0, 20).Select(async _ => await invoker.AsyncUnaryCall(getRegion, null, options, small)).ToList();

        var answers = await Task.WhenAll(largeCalls);
        Assert.All(answers, status => Assert.Equal(StatusCode.ResourceExhausted, status));
        var regions = await Task.WhenAll(smallCalls);
        Assert.All(regions, bytes => Assert.Equal("52.71", Oversight.Contracts.RegionDirectory.Region.Parser.ParseFrom(bytes).Code));
    }

    private HttpClient RawHttp2(string service) => new(new SocketsHttpHandler())
    {
        BaseAddress = System.Project(service).Endpoint("grpc"),
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static async Task<(HttpStatusCode Status, string? GrpcStatus, string Text)> SendRawAsync(HttpClient http, string path, byte[] body, string contentType, string? encoding)
    {
        // HTTP/2 without TLS, as gRPC speaks it (a request message ignores the client's default version).
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(body), Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TE.ParseAdd("trailers");
        if (encoding is not null) request.Headers.Add("grpc-encoding", encoding);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var status = response.Headers.TryGetValues("grpc-status", out var inHeaders) ? inHeaders.First()
            : response.TrailingHeaders.TryGetValues("grpc-status", out var inTrailers) ? inTrailers.First() : null;
        return (response.StatusCode, status, text.Length > 200 ? text[..200] : text);
    }

    private IEnumerable<(string Who, Metadata? Headers)> Callers() => [("no token", null), ("every role", fixture.EveryRoleHeaders)];

    /// <summary>How long a watch may stay silent before its open stream counts as an accepted request.</summary>
    private static readonly TimeSpan StreamPatience = TimeSpan.FromSeconds(5);

    private static async Task<(StatusCode Status, string Detail)> CallAsync(CallInvoker invoker, PublicMethod target, byte[] body, Metadata? headers, string? methodName = null)
    {
        var streaming = target.Method.IsServerStreaming;
        var method = new Method<byte[], byte[]>(streaming ? MethodType.ServerStreaming : MethodType.Unary,
            target.Method.Service.FullName, methodName ?? target.Method.Name, RawBytes, RawBytes);
        var options = new CallOptions(headers, DateTime.UtcNow.AddSeconds(60));
        try
        {
            if (streaming)
            {
                // A watch never ends by itself: its first message (or its status) is the answer. A watch of an empty
                // inbox sends nothing until an item comes: still open after a while, it accepted the request.
                using var call = invoker.AsyncServerStreamingCall(method, null, options, body);
                using var patience = new CancellationTokenSource(StreamPatience);
                try
                {
                    await call.ResponseStream.MoveNext(patience.Token);
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && patience.IsCancellationRequested)
                {
                    return (StatusCode.OK, "stream open, nothing to send yet");
                }
            }
            else
            {
                using var call = invoker.AsyncUnaryCall(method, null, options, body);
                await call.ResponseAsync;
            }
            return (StatusCode.OK, "");
        }
        catch (RpcException ex)
        {
            return (ex.StatusCode, ex.Status.Detail.Length > 160 ? ex.Status.Detail[..160] : ex.Status.Detail);
        }
    }

    private static async Task<string> SendAsync(HttpClient http, string verb, RestPayload payload, string? token)
    {
        using var request = new HttpRequestMessage(new HttpMethod(verb), payload.PathAndQuery);
        if (payload.Body is not null)
        {
            request.Content = new ByteArrayContent(payload.Body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(payload.ContentType);
        }
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        // A cookie the answer must never echo (the developer exception page did, with an admin's situation-room token).
        request.Headers.Add("Cookie", $"oversight_situation_room={CookieSentinel}");
        try
        {
            // Headers only: a streamed answer (the export) may stay open; its status line is the answer.
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var status = ((int)response.StatusCode).ToString(global::System.Globalization.CultureInfo.InvariantCulture);
            if ((int)response.StatusCode < 400) return status;
            // An error answer ends; it must name no exception, stack frame, path or header of the request.
            var body = await response.Content.ReadAsStringAsync();
            return Leak(body) is { } leak ? $"{status} leaking {leak}" : status;
        }
        catch (HttpRequestException ex) when (payload.Body is { Length: > HostileText.TenMegabytes / 2 } && ex.InnerException is IOException)
        {
            // The server may answer 413 and close the connection before a 10 MB body is fully sent; that is a refusal, not a fault.
            return "413 (connection closed mid-upload)";
        }
        catch (HttpRequestException ex) when (payload.PathAndQuery.Length > 8 * 1024 && ex.InnerException is IOException)
        {
            // Likewise Kestrel answers a request line over its 8 KB limit with 414 and closes the connection, which can
            // reach the client while it still sends the 64 KB line (CI saw it once in many runs): a refusal too.
            return "414 (connection closed mid-request)";
        }
        catch (HttpRequestException ex)
        {
            return $"transport error {ex.HttpRequestError}";
        }
    }

    private const string CookieSentinel = "cookie-sentinel-5f1c";


    /// <summary>What an error answer must not carry, or null when it carries none of it.</summary>
    internal static string? Leak(string body) =>
        body.Contains(CookieSentinel, StringComparison.Ordinal) ? "the request's cookie"
        : body.Contains("   at ", StringComparison.Ordinal) ? "a stack trace"
        : body.Contains("Exception", StringComparison.Ordinal) ? "an exception type"
        : body.Contains(SharedData.RepositoryRoot, StringComparison.Ordinal) || body.Contains(".cs:line", StringComparison.Ordinal) ? "an internal path"
        : null;

    private async Task AssertStillStandingAsync(long storedBefore)
    {
        foreach (var service in new[] { TestSystem.RegionDirectory, TestSystem.Complaints, TestSystem.Notifications, TestSystem.Reporting })
        {
            using var http = System.Http(service);
            using var health = await http.GetAsync("/health");
            Assert.True(health.StatusCode == HttpStatusCode.OK, $"{service} /health answered {(int)health.StatusCode} after the hostile input");
        }
        Assert.Equal(storedBefore, await fixture.StoredComplaintsAsync());
    }

    private static void Publish(HostileTally tally, string title, string fileName)
    {
        var report = tally.Report(title);
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, fileName), report);
        if (tally.Faults.Count > 0) TestContext.Current.TestOutputHelper?.WriteLine(string.Join(Environment.NewLine, tally.Faults));
    }

    /// <summary>The services' warnings about their databases, to tell what a fault was.</summary>
    private void PublishDatabaseWarnings()
    {
        foreach (var service in new[] { TestSystem.RegionDirectory, TestSystem.Complaints, TestSystem.Notifications, TestSystem.Reporting })
        {
            foreach (var line in System.Project(service).ConsoleSnapshot().Select(l => l.Text).Where(l => l.Contains("SQL state", StringComparison.Ordinal) || l.Contains("unavailable", StringComparison.Ordinal)
                         || l.Contains("fail", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal)).Take(30))
            {
                TestContext.Current.TestOutputHelper?.WriteLine($"{service}: {line}");
            }
        }
    }
}
