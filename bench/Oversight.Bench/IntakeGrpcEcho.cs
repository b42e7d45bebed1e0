using System.Diagnostics;
using Google.Protobuf;
using Grpc.Net.Client;
using Oversight.Bench.Echo;

namespace Oversight.Bench;

/// <summary>
/// The raw rate of gRPC on the same machine: a unary call to a server that only echoes its message (<see cref="EchoServer"/>,
/// started here as a second process of this program), the message as large as a SubmitComplaintRequest the benchmark sends,
/// over one <see cref="GrpcChannel"/> as the intake callers use. No service, no authentication, no database: the limit of
/// the transport every intake call pays for (issue 19, goal 5). Disposing stops the server.
/// </summary>
public sealed class IntakeGrpcEcho : IAsyncDisposable
{
    // The server starts in well under a second; a long wait means it will not.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly Process _server;
    private readonly GrpcChannel _channel;
    private readonly BareEcho.BareEchoClient _client;
    private readonly EchoMessage _message;

    private IntakeGrpcEcho(Process server, string address, int messageBytes)
    {
        _server = server;
        _channel = GrpcChannel.ForAddress(address);
        _client = new BareEcho.BareEchoClient(_channel);
        // Random bytes: gRPC does not compress by default, but nothing should profit from a repeated byte either.
        _message = new EchoMessage { Payload = ByteString.CopyFrom(System.Security.Cryptography.RandomNumberGenerator.GetBytes(PayloadBytes(messageBytes))) };
    }

    /// <summary>The size of the serialized message each call sends and gets back.</summary>
    public int MessageBytes => _message.CalculateSize();

    /// <summary>
    /// The payload length that makes a serialized <see cref="EchoMessage"/> <paramref name="messageBytes"/> long (its tag and
    /// length prefix included), or one byte shorter where no message has that length (the prefix grows by a byte there).
    /// </summary>
    public static int PayloadBytes(int messageBytes)
    {
        var payload = Math.Max(0, messageBytes - 1 - CodedOutputStream.ComputeLengthSize(messageBytes));
        // Near a boundary of the length prefix's size the first guess is one byte short.
        while (1 + CodedOutputStream.ComputeLengthSize(payload + 1) + payload + 1 <= messageBytes) payload++;
        return payload;
    }

    public static async Task<IntakeGrpcEcho> StartAsync(int messageBytes)
    {
        // Run by `dotnet Oversight.Bench.dll` (eng/bench.sh): the same host and assembly; run by its apphost: that again.
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(typeof(EchoServer).Assembly.Location);
        start.ArgumentList.Add(EchoServer.Argument);
        // Server GC, as the services have it (the Web SDK's default), not the benchmark's workstation GC.
        start.Environment["DOTNET_gcServer"] = "1";

        var server = Process.Start(start) ?? throw new InvalidOperationException("The echo server did not start.");
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null) ready.TrySetException(new InvalidOperationException("The echo server exited before it listened."));
            else if (line.Data.StartsWith(EchoServer.ReadyPrefix, StringComparison.Ordinal)) ready.TrySetResult(line.Data[EchoServer.ReadyPrefix.Length..]);
            else Console.Error.WriteLine("  echo server: " + line.Data);
        };
        server.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null) Console.Error.WriteLine("  echo server: " + line.Data);
        };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            var address = await ready.Task.WaitAsync(StartTimeout);
            return new IntakeGrpcEcho(server, address, messageBytes);
        }
        catch
        {
            await StopAsync(server);
            throw;
        }
    }

    public async Task EchoOnceAsync()
    {
        var reply = await _client.EchoAsync(_message);
        if (reply.Payload.Length != _message.Payload.Length) throw new InvalidOperationException($"echo of {reply.Payload.Length} bytes, not {_message.Payload.Length}");
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await StopAsync(_server);
    }

    // Closing its input stops the server; one that does not stop in time is killed.
    private static async Task StopAsync(Process server)
    {
        try
        {
            server.StandardInput.Close();
            await server.WaitForExitAsync().WaitAsync(StopTimeout);
        }
        catch (Exception ex) when (ex is TimeoutException or IOException)
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
        finally
        {
            server.Dispose();
        }
    }
}
