using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Oversight.IntegrationTests.Hostile;

/// <summary>One hostile gRPC request body: a name for the report and the raw protobuf bytes.</summary>
internal sealed record GrpcPayload(string Name, byte[] Bytes);

/// <summary>
/// Malformed and oversized protobuf for a request message type, generated from its descriptor: raw bytes the generated
/// client would never send (truncation, wrong wire types, invalid UTF-8) and well-formed messages full of hostile values.
/// </summary>
internal static class GrpcPayloads
{
    public static IEnumerable<GrpcPayload> For(MessageDescriptor request)
    {
        var random = new Random(request.FullName.GetHashCode(StringComparison.Ordinal));
        var sqlFilled = HostileMessages.Build(request, HostileMessages.Values(HostileText.Sql, -1)).ToByteArray();

        yield return new("empty message", []);
        yield return new("random 64 bytes", RandomBytes(random, 64));
        yield return new("random 4 KB", RandomBytes(random, 4096));
        yield return new("truncated message", sqlFilled.Length > 1 ? sqlFilled[..(sqlFilled.Length / 2)] : [0x0A]);
        yield return new("length past the end", [0x0A, 0xE8, 0x07, 0x61, 0x62, 0x63]);
        yield return new("varint of 11 bytes", [0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]);
        yield return new("wrong wire types", Write(request, (field, output) =>
        {
            if (field.FieldType is FieldType.String or FieldType.Bytes or FieldType.Message)
            {
                output.WriteTag(field.FieldNumber, WireFormat.WireType.Varint);
                output.WriteInt64(-1);
            }
            else
            {
                output.WriteTag(field.FieldNumber, WireFormat.WireType.LengthDelimited);
                output.WriteString("not a number");
            }
        }));
        yield return new("invalid UTF-8 in strings", Write(request, (field, output) =>
        {
            if (field.FieldType != FieldType.String) return;
            output.WriteTag(field.FieldNumber, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(HostileText.InvalidUtf8));
        }));
        yield return new("unknown field 9999 and group tags", [0xFA, 0xF0, 0x04, 0x02, 0x61, 0x62, 0x0B, 0x0C]);
        yield return new("SQL in text, -1 in numbers", sqlFilled);
        yield return new("script in text, int max in numbers", HostileMessages.Build(request, HostileMessages.Values(HostileText.Script, int.MaxValue)).ToByteArray());
        yield return new("control characters, int min in numbers", HostileMessages.Build(request, HostileMessages.Values(HostileText.ControlCharacters, int.MinValue)).ToByteArray());
        yield return new("path traversal, long max in numbers", HostileMessages.Build(request, HostileMessages.Values(HostileText.PathTraversal, long.MaxValue)).ToByteArray());
        yield return new("100 000-char strings", HostileMessages.Build(request, HostileMessages.Values(HostileText.Long, 0), singleField: true).ToByteArray());
        yield return new("10 MB string", HostileMessages.Build(request, HostileMessages.Values(HostileText.Huge, 0), singleField: true).ToByteArray());
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Write(MessageDescriptor request, Action<FieldDescriptor, CodedOutputStream> writeField)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            foreach (var field in request.Fields.InFieldNumberOrder()) writeField(field, output);
        }
        return buffer.ToArray();
    }
}
