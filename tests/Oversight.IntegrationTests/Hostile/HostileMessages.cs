using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Oversight.IntegrationTests.Hostile;

/// <summary>What to put in a field of each kind.</summary>
internal sealed record FieldValues(string Text, long Number);

/// <summary>Well-formed messages of any type with every field (recursively, a few levels deep) set to a hostile value.</summary>
internal static class HostileMessages
{
    private const int MaxDepth = 3;

    public static FieldValues Values(string text, long number) => new(text, number);

    /// <summary>A message of <paramref name="type"/>; with <paramref name="singleField"/> only its first string field is set (for size tests).</summary>
    public static IMessage Build(MessageDescriptor type, FieldValues values, bool singleField = false)
    {
        var message = (IMessage)Activator.CreateInstance(type.ClrType)!;
        if (singleField)
        {
            if (type.Fields.InFieldNumberOrder().FirstOrDefault(f => f.FieldType == FieldType.String && !f.IsRepeated) is { } text)
            {
                text.Accessor.SetValue(message, values.Text);
            }
            else if (type.Fields.InFieldNumberOrder().FirstOrDefault(f => f.FieldType == FieldType.String && f.IsRepeated) is { } list)
            {
                ((System.Collections.IList)list.Accessor.GetValue(message)).Add(values.Text);
            }
            return message;
        }
        Fill(message, type, values, 0);
        return message;
    }

    private static void Fill(IMessage message, MessageDescriptor type, FieldValues values, int depth)
    {
        foreach (var field in type.Fields.InFieldNumberOrder())
        {
            if (field.IsMap) continue;
            var value = ValueOf(field, values, depth);
            if (value is null) continue;
            if (field.IsRepeated)
            {
                var list = (System.Collections.IList)field.Accessor.GetValue(message);
                list.Add(value);
                list.Add(value);
            }
            else
            {
                field.Accessor.SetValue(message, value);
            }
        }
    }

    private static object? ValueOf(FieldDescriptor field, FieldValues values, int depth) => field.FieldType switch
    {
        FieldType.String => values.Text,
        FieldType.Bytes => ByteString.CopyFromUtf8(values.Text),
        FieldType.Bool => true,
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => (int)Math.Clamp(values.Number, int.MinValue, int.MaxValue),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => values.Number,
        FieldType.UInt32 or FieldType.Fixed32 => unchecked((uint)values.Number),
        FieldType.UInt64 or FieldType.Fixed64 => unchecked((ulong)values.Number),
        FieldType.Double => values.Number < 0 ? double.NegativeInfinity : double.NaN,
        FieldType.Float => values.Number < 0 ? float.NegativeInfinity : float.NaN,
        // An enum number no .proto defines.
        FieldType.Enum => Enum.ToObject(field.EnumType.ClrType, 99),
        FieldType.Message when depth < MaxDepth => Nested(field.MessageType, values, depth + 1),
        _ => null,
    };

    private static IMessage Nested(MessageDescriptor type, FieldValues values, int depth)
    {
        var message = (IMessage)Activator.CreateInstance(type.ClrType)!;
        Fill(message, type, values, depth);
        return message;
    }
}
