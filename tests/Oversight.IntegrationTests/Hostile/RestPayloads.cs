using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf.Reflection;

namespace Oversight.IntegrationTests.Hostile;

/// <summary>One hostile REST request: a name for the report, the path and query, and a body with its content type.</summary>
internal sealed record RestPayload(string Name, string PathAndQuery, byte[]? Body, string ContentType = "application/json");

/// <summary>
/// Malformed and oversized REST requests for a route, generated from the route template and the request's descriptor:
/// hostile path segments, query strings with wrong types and huge numbers, and JSON bodies that are broken, mistyped,
/// not UTF-8, 10 MB long or nested thousands deep.
/// </summary>
internal static class RestPayloads
{
    private const string InvalidUtf8Escaped = "a%80%C0%AF%ED%A0%80%FF%FEb";

    public static IEnumerable<RestPayload> For(RestRoute route, MessageDescriptor request)
    {
        foreach (var (name, segment) in PathValues())
        {
            if (route.Variables.Count == 0) break;
            yield return new($"path {name}", Path(route, segment), route.Body is null ? null : Json(new JsonObject()));
        }

        var path = Path(route, "x1");
        if (route.Body is null)
        {
            foreach (var (name, value) in QueryValues())
            {
                yield return new($"query {name}", path + Query(request, route, value), null);
            }
            yield return new("query of 64 KB", path + "?q=" + new string('q', 64 * 1024), null);
            yield return new("unexpected body", path, Encoding.UTF8.GetBytes("{\"a\":1}"));
            yield break;
        }

        yield return new("empty object", path, Json(new JsonObject()));
        foreach (var text in HostileText.InText)
        {
            yield return new($"all fields {Describe(text)}", path, Json(Object(request, FieldMode.Of(text, -1), 0)));
        }
        yield return new("numbers at int max", path, Json(Object(request, FieldMode.Of("x", int.MaxValue), 0)));
        yield return new("numbers past int64", path, Encoding.UTF8.GetBytes(Object(request, FieldMode.Of("x", 1), 0).ToJsonString().Replace(":1", ":1e999")));
        yield return new("wrong field types", path, Json(Object(request, FieldMode.WrongTypes, 0)));
        yield return new("unknown fields", path, Encoding.UTF8.GetBytes("{\"noSuchField\":1,\"__proto__\":{\"admin\":true}}"));
        foreach (var broken in new[] { "{\"a\":", "[]", "null", "\"text\"", "123", "{\"a\":1}{", "{'a':1}", "\u0000" })
        {
            yield return new($"broken JSON {broken}", path, Encoding.UTF8.GetBytes(broken));
        }
        yield return new("invalid UTF-8 in a string", path, InvalidUtf8Body(request));
        yield return new("10 MB string", path, Encoding.UTF8.GetBytes($"{{\"{FirstString(request)}\":\"{HostileText.Huge}\"}}"));
        yield return new("objects nested 10 000 deep", path, Encoding.UTF8.GetBytes(
            string.Concat(Enumerable.Repeat($"{{\"{FirstMessageOrString(request)}\":", 10_000)) + "1" + new string('}', 10_000)));
        yield return new("arrays nested 100 000 deep", path, Encoding.UTF8.GetBytes(new string('[', 100_000) + new string(']', 100_000)));
        yield return new("XML body", path, Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"), "application/xml");
        yield return new("form body", path, Encoding.UTF8.GetBytes("a=1&b=%00"), "application/x-www-form-urlencoded");
        yield return new("form of 1 100 fields", path, Encoding.UTF8.GetBytes(string.Join('&', Enumerable.Range(0, 1100).Select(i => $"f{i}=%00"))),
            "application/x-www-form-urlencoded");
        yield return new("text body with control bytes", path, Encoding.UTF8.GetBytes(HostileText.ControlCharacters), "text/plain");
        yield return new("gRPC frame on the REST port", path, new byte[] { 0, 0, 0, 0, 1, 0x08 }, "application/grpc");
    }

    private static IEnumerable<(string Name, string Segment)> PathValues() =>
    [
        ("SQL", Uri.EscapeDataString(HostileText.Sql)),
        ("script", Uri.EscapeDataString(HostileText.Script)),
        ("control characters", Uri.EscapeDataString(HostileText.ControlCharacters)),
        ("traversal", "..%2F..%2Fetc%2Fpasswd"),
        ("invalid UTF-8", InvalidUtf8Escaped),
        ("-1", "-1"),
        ("10 000 chars", new string('9', 10_000)),
    ];

    private static IEnumerable<(string Name, string Value)> QueryValues() =>
    [
        ("SQL", Uri.EscapeDataString(HostileText.Sql)),
        ("script", Uri.EscapeDataString(HostileText.Script)),
        ("control characters", Uri.EscapeDataString(HostileText.ControlCharacters)),
        ("invalid UTF-8", InvalidUtf8Escaped),
        ("-1", "-1"),
        ("int max", "2147483647"),
        ("past uint64", "99999999999999999999999"),
        ("not a number", "abc"),
        ("1e999", "1e999"),
    ];

    private static string Path(RestRoute route, string segment) =>
        System.Text.RegularExpressions.Regex.Replace(route.Template, @"\{[^}]+\}", segment);

    /// <summary>Every scalar field of the request not bound by the path, in snake_case as the transcoder accepts it.</summary>
    private static string Query(MessageDescriptor request, RestRoute route, string value)
    {
        var fields = request.Fields.InFieldNumberOrder()
            .Where(f => f.FieldType != FieldType.Message && !route.Variables.Contains(f.Name))
            .Select(f => $"{f.Name}={value}")
            .ToList();
        return fields.Count == 0 ? $"?unknown={value}" : "?" + string.Join('&', fields);
    }

    private static byte[] Json(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    private static string Describe(string text) =>
        text == HostileText.Sql ? "SQL" : text == HostileText.Script ? "script" : text == HostileText.ControlCharacters ? "control characters" : "traversal";

    private static string FirstString(MessageDescriptor request) =>
        request.Fields.InFieldNumberOrder().FirstOrDefault(f => f.FieldType == FieldType.String)?.JsonName ?? "text";

    private static string FirstMessageOrString(MessageDescriptor request) =>
        request.Fields.InFieldNumberOrder().FirstOrDefault(f => f.FieldType == FieldType.Message)?.JsonName ?? FirstString(request);

    private static byte[] InvalidUtf8Body(MessageDescriptor request)
    {
        var body = new List<byte>(Encoding.UTF8.GetBytes($"{{\"{FirstString(request)}\":\""));
        body.AddRange(HostileText.InvalidUtf8);
        body.AddRange(Encoding.UTF8.GetBytes("\"}"));
        return [.. body];
    }

    private sealed record FieldMode(string Text, long Number, bool Wrong)
    {
        public static FieldMode Of(string text, long number) => new(text, number, false);

        public static readonly FieldMode WrongTypes = new("", 0, true);
    }

    private static JsonObject Object(MessageDescriptor type, FieldMode mode, int depth)
    {
        var json = new JsonObject();
        foreach (var field in type.Fields.InFieldNumberOrder())
        {
            if (field.IsMap) continue;
            var value = Value(field, mode, depth);
            if (value is null) continue;
            json[field.JsonName] = field.IsRepeated && !mode.Wrong ? new JsonArray(value) : value;
        }
        return json;
    }

    private static JsonNode? Value(FieldDescriptor field, FieldMode mode, int depth)
    {
        if (mode.Wrong)
        {
            return field.FieldType switch
            {
                FieldType.String or FieldType.Bytes => new JsonObject { ["nested"] = 1 },
                FieldType.Message => JsonValue.Create("not an object"),
                FieldType.Bool => JsonValue.Create("maybe"),
                FieldType.Enum => JsonValue.Create(12345.5),
                _ => JsonValue.Create("abc"),
            };
        }
        return field.FieldType switch
        {
            FieldType.String => JsonValue.Create(mode.Text),
            FieldType.Bytes => JsonValue.Create("!!not base64!!"),
            FieldType.Bool => JsonValue.Create(true),
            FieldType.Enum => JsonValue.Create("NOT_A_VALUE"),
            FieldType.Double or FieldType.Float => JsonValue.Create("NaN"),
            FieldType.Message when depth < 2 => Object(field.MessageType, mode, depth + 1),
            FieldType.Message => null,
            _ => JsonValue.Create(mode.Number),
        };
    }
}
