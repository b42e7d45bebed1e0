using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Oversight.Bench.Echo;

namespace Oversight.Bench;

/// <summary>
/// The server of the bare gRPC echo (<see cref="IntakeGrpcEcho"/>), run as <c>Oversight.Bench echo-server</c> in a process
/// of its own, so that it and the benchmark's callers do not share a thread pool, as the complaints service and its callers
/// do not. Kestrel with HTTP/2 without TLS on 127.0.0.1 and a port the system picks; no authentication, no interceptors,
/// logging only warnings. It prints <see cref="ReadyPrefix"/> and its address once it listens, and stops when its standard
/// input ends: when the benchmark closes it, or dies.
/// </summary>
public static class EchoServer
{
    public const string Argument = "echo-server";
    public const string ReadyPrefix = "echo server listening on ";

    public static async Task<int> RunAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        await using var app = builder.Build();
        app.MapGrpcService<BareEchoService>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Console.WriteLine(ReadyPrefix + address);
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
        return 0;
    }

    private sealed class BareEchoService : BareEcho.BareEchoBase
    {
        public override Task<EchoMessage> Echo(EchoMessage request, ServerCallContext context) => Task.FromResult(request);
    }
}
