using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Oversight.ServiceDefaults.Limits;

/// <summary>
/// The request message parser of every gRPC method of Oversight.Contracts whose client sends one message (unary and
/// server-streaming), by HTTP path (<c>/package.Service/Method</c>), read from the generated file descriptors.
/// </summary>
public static class ContractRequestTypes
{
    private static readonly Lazy<IReadOnlyDictionary<string, MessageDescriptor>> ByPath = new(Load);

    public static bool TryGet(string path, out MessageDescriptor request) => ByPath.Value.TryGetValue(path, out request!);

    private static Dictionary<string, MessageDescriptor> Load() =>
        typeof(Oversight.Contracts.Complaints.Complaints).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor")?.GetValue(null))
            .OfType<FileDescriptor>()
            .SelectMany(f => f.Services)
            .SelectMany(s => s.Methods)
            .Where(m => !m.IsClientStreaming)
            .ToDictionary(m => $"/{m.Service.FullName}/{m.Name}", m => m.InputType, StringComparer.Ordinal);

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
