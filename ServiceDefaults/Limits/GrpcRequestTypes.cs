using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Oversight.ServiceDefaults.Limits;

/// <summary>
/// The request message of every gRPC method a service serves whose client sends one message (unary and
/// server-streaming), by HTTP path (<c>/package.Service/Method</c>), read from the generated descriptors of the proto
/// files the service names (<c>AddDefaultGrpc</c>): these defaults know no contract.
/// </summary>
public sealed class GrpcRequestTypes(IEnumerable<FileDescriptor> protos)
{
    private readonly Dictionary<string, MessageDescriptor> _byPath = protos
        .SelectMany(proto => proto.Services)
        .SelectMany(service => service.Methods)
        .Where(method => !method.IsClientStreaming)
        .ToDictionary(method => $"/{method.Service.FullName}/{method.Name}", method => method.InputType, StringComparer.Ordinal);

    public bool TryGet(string path, out MessageDescriptor request) => _byPath.TryGetValue(path, out request!);

    /// <summary>Parses <paramref name="message"/> as <paramref name="request"/>; null when it is valid, the parser's reason otherwise.</summary>
    public static string? Invalidity(MessageDescriptor request, ReadOnlySpan<byte> message)
    {
        try
        {
            request.Parser.ParseFrom(message);
            return null;
        }
        catch (InvalidProtocolBufferException ex)
        {
            return ex.Message;
        }
    }
}
