using System.Text;
using System.Text.Json.Nodes;

namespace Referrals.IntegrationTests.Platform;

/// <summary>
/// Hostile variants of a valid request, derived from its operation in the contract: every field of the body
/// missing, null, of the wrong type, empty, huge, full of control or right-to-left characters, deeply nested,
/// out of range or an unknown enum word; extra fields and duplicate keys; broken and oversized bodies and wrong
/// content types; path ids that do not exist or belong to another agency; bad query values and headers. Then
/// random combinations from a seed, so a failure can be replayed exactly.
/// </summary>
public sealed class HostileRequests(Contract contract, Random random, long maxBodyBytes, Func<Guid> otherAgencysReferral)
{
    public sealed record Variant(string What, ApiRequest Request);

    /// <summary>Text a JsonNode cannot hold (a lone surrogate, numbers beyond double, nesting beyond any limit), spliced in after writing.</summary>
    private static readonly string[] Raw =
    [
        "\"\\ud800\"", "\"\\udfff x\"", "1e400", "-1e400", "99999999999999999999999999999", "0.0000000000000000000000001",
        new string('[', 10_000) + new string(']', 10_000), string.Concat(Enumerable.Repeat("{\"a\":", 3_000)) + "1" + new string('}', 3_000),
    ];

    private static readonly string[] Texts =
    [
        "", "   ", "\u0000", "nul\u0000inside", "\u001b[31mred\u001b[0m", "bell\u0007", "back\bspace", "\u202Etxt.exe", "\u200B\u200B\u200B", "\uFEFF",
        "\u2066isolate\u2069", "<script>alert(1)</script>", "'; DROP TABLE \"Referrals\"; --", "=HYPERLINK(\"http://x.example\")", "%s%n%x",
        "../../etc/passwd", "Аmy (Cyrillic A)", "👧🏽👦🏿", new string('x', 65_536), new string('é', 20_000),
    ];

    private static readonly string[] Dates = ["2026-02-30", "0000-01-01", "0001-01-01", "9999-12-31", "2026-13-01", "26/11/2026", "2026-11-24T10:00:00Z", "today"];
    private static readonly string[] Instants = ["2026-11-24", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59+14:00", "2026-11-24T25:61:00Z", "yesterday", "2026-11-24T10:00:00+99:00"];
    private static readonly string[] Uuids = ["not-a-uuid", "00000000-0000-0000-0000-000000000000", "{0193a0c4-5b7e-7c1a-9f3e-2b8d4c6a1e09}", "0193a0c4-5b7e-7c1a-9f3e-2b8d4c6a1e0"];

    private static readonly (string What, string? Text, string? ContentType)[] Bodies =
    [
        ("no body", null, "application/json"), ("empty body", "", "application/json"), ("null", "null", "application/json"), ("an array", "[]", "application/json"),
        ("a number", "42", "application/json"), ("a string", "\"form\"", "application/json"), ("truncated JSON", "{\"channel\":", "application/json"),
        ("an unclosed string", "{\"a\":\"x", "application/json"), ("trailing garbage", "{}}}}", "application/json"), ("a comment", "/* hi */ {}", "application/json"),
        ("a trailing comma", "{\"a\":1,}", "application/json"), ("single quotes", "{'a':'b'}", "application/json"), ("NaN", "{\"a\":NaN}", "application/json"),
        ("deep objects", string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000), "application/json"),
        ("XML", "<referral><child>Amy</child></referral>", "application/xml"), ("a form post", "channel=phone&children=1", "application/x-www-form-urlencoded"),
        ("multipart", "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--b--", "multipart/form-data; boundary=b"),
        ("plain text", "{}", "text/plain"), ("JSON labelled Latin-1", "{}", "application/json; charset=iso-8859-1"),
        ("JSON labelled UTF-16", "{}", "application/json; charset=utf-16"), ("a garbage content type", "{}", "!!!/???"), ("no content type", "{}", null),
    ];

    /// <summary>Every deterministic variant of the request, then random ones until there are at least <paramref name="atLeast"/>.</summary>
    public IReadOnlyList<Variant> For(ApiRequest valid, int atLeast)
    {
        var variants = new List<Variant>();
        variants.AddRange(BodyVariants(valid));
        variants.AddRange(PathVariants(valid));
        variants.AddRange(QueryVariants(valid));
        variants.AddRange(HeaderVariants(valid));
        while (variants.Count < atLeast) variants.Add(Random(valid));
        return variants;
    }

    private IEnumerable<Variant> BodyVariants(ApiRequest valid)
    {
        if (contract.Operation(valid.Operation)["requestBody"] is null) yield break;
        if (valid.ContentType?.StartsWith("multipart/") == true)
        {
            foreach (var variant in UploadVariants(valid)) yield return variant;
            yield break;
        }
        var example = Parse(valid) ?? throw new InvalidOperationException($"{valid.Operation}: the valid request has no JSON body to vary.");
        foreach (var (what, text, contentType) in Bodies)
            yield return new($"body: {what}", valid with { Body = text is null ? null : Encoding.UTF8.GetBytes(text), ContentType = contentType });
        yield return new("body: invalid UTF-8", valid with { Body = [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0xC0, 0x22, 0x7D] });
        yield return new("body: UTF-16", valid with { Body = Encoding.Unicode.GetBytes(example.ToJsonString()) });
        yield return new("body: over the size limit", valid with { Body = Encoding.UTF8.GetBytes($"{{\"padding\":\"{new string('x', (int)maxBodyBytes + 1024)}\"}}") });
        yield return new("body: a valid body over the size limit", valid with { Body = Encoding.UTF8.GetBytes(example.ToJsonString() + new string(' ', (int)maxBodyBytes + 1)) });

        if (example is not JsonObject root) yield break;
        foreach (var property in root.Select(p => p.Key).ToList())
        {
            // A duplicate key, first with another value then with the same one: neither may be silently resolved.
            yield return new($"body: '{property}' twice", With(valid, Splice(root, property, "\"other\"")));
            yield return new($"body: '{property}' twice, same value", With(valid, Splice(root, property, root[property]?.ToJsonString() ?? "null")));
        }
        foreach (var (path, schema) in Nodes(example, contract.BodySchema(valid.Operation), []))
        {
            var name = Name(path);
            if (path.Count > 0) yield return new($"body: without {name}", With(valid, Changed(example, path, remove: true)));
            // Sparse: every field of this object left out at once (the whole body too), as a client sending nothing optional would.
            if (At(example, path) is JsonObject { Count: > 0 })
                yield return new($"body: {name} with every field left out", With(valid, path.Count == 0 ? "{}" : Changed(example, path, new JsonObject())));
            if (Resolve(schema) is { } s && (string?)s["type"] == "object")
                yield return new($"body: unknown field in {name}", With(valid, Changed(example, [.. path, "unexpectedField"], JsonValue.Create("x"))));
            if (path.Count == 0) continue;
            foreach (var (label, value) in ValuesFor(Resolve(schema), example, path))
                yield return new($"body: {name} = {label}", With(valid, Changed(example, path, value)));
        }
    }

    private IEnumerable<(string Label, JsonNode? Value)> ValuesFor(JsonNode? schema, JsonNode example, IReadOnlyList<object> path)
    {
        yield return ("null", null);
        var type = (string?)schema?["type"];
        var format = (string?)schema?["format"];
        if (type != "string") { yield return ("a string", "3"); yield return ("empty text", ""); }
        if (type is not ("integer" or "number")) yield return ("a number", 12345);
        if (type != "boolean") yield return ("true", true);
        if (type != "array") yield return ("an array", new JsonArray(JsonValue.Create("x")));
        if (type != "object") yield return ("an object", new JsonObject { ["a"] = 1 });
        foreach (var (raw, i) in Raw.Select((r, i) => (r, i)))
            yield return ($"raw {Describe(raw)}", JsonValue.Create($"@@RAW{i}@@"));
        switch (type)
        {
            case "string" when schema!["enum"] is JsonArray:
                yield return ("an unknown enum word", "not-a-value");
                yield return ("an enum word in capitals", (At(example, path) is JsonValue v && v.TryGetValue<string>(out var word) ? word : "x").ToUpperInvariant());
                yield return ("an enum as its number", 0);
                break;
            case "string" when format == "date":
                foreach (var date in Dates) yield return ($"date '{date}'", date);
                break;
            case "string" when format == "date-time":
                foreach (var instant in Instants) yield return ($"instant '{instant}'", instant);
                break;
            case "string" when format == "uuid":
                foreach (var uuid in Uuids) yield return ($"uuid '{uuid}'", uuid);
                yield return ("another agency's referral", otherAgencysReferral().ToString());
                break;
            case "string":
                foreach (var text in Texts) yield return ($"text {Describe(text)}", text);
                break;
            case "integer" or "number":
                foreach (var n in new JsonNode[] { -1, 0, 2147483648L, -2147483649L, 1.5, 1e300 }) yield return ($"number {n.ToJsonString()}", n);
                break;
            case "boolean":
                yield return ("the word true", "true");
                yield return ("1", 1);
                break;
            case "array":
                var first = (At(example, path) as JsonArray)?.FirstOrDefault();
                yield return ("an empty array", new JsonArray());
                yield return ("[null]", new JsonArray((JsonNode?)null));
                yield return ("500 copies of its first item", new JsonArray(Enumerable.Range(0, 500).Select(_ => first?.DeepClone()).ToArray()));
                break;
            case "object":
                yield return ("an empty object", new JsonObject());
                break;
        }
    }

    private IEnumerable<Variant> PathVariants(ApiRequest valid)
    {
        var template = valid.Operation[(valid.Operation.IndexOf(' ') + 1)..].Split('/');
        var actual = valid.Path.Split('/');
        for (var i = 0; i < template.Length; i++)
        {
            // (An encoded NUL is not among them: the test host refuses to send it; Kestrel answers it 400 before routing.)
            if (!template[i].StartsWith('{')) continue;
            var values = new List<(string, string)>
            {
                ("an id that does not exist", NewId().ToString()), ("the empty id", Guid.Empty.ToString()), ("not an id", "not-an-id"),
                ("a long segment", new string('9', 5_000)), ("an encoded escape character", "%1B"), ("an encoded traversal", "..%2F..%2Fopenapi"), ("an id with braces", $"%7B{NewId()}%7D"),
                ("another agency's referral", otherAgencysReferral().ToString()),
            };
            foreach (var (what, value) in values)
            {
                var segments = (string[])actual.Clone();
                segments[i] = value;
                yield return new($"path: {template[i]} = {what}", valid with { Path = string.Join('/', segments) });
            }
        }
        // Not a method the path has another operation for (a draft's PUT and DELETE): that is no hostile request.
        var route = valid.Operation[(valid.Operation.IndexOf(' ') + 1)..];
        foreach (var method in new[] { "PATCH", "DELETE", "PUT", "POST", "GET" }
                     .Where(m => m != valid.Method && !contract.Operations.Contains($"{m} {route}")))
            yield return new($"method: {method}", valid with { Method = method });
    }

    private IEnumerable<Variant> QueryVariants(ApiRequest valid)
    {
        foreach (var parameter in contract.Parameters(valid.Operation, "query"))
        {
            var name = (string)parameter["name"]!;
            foreach (var (what, value) in QueryValues)
                yield return new($"query: {name} = {what}", valid with { Query = WithQuery(valid.Query, name, value) });
            yield return new($"query: {name} twice", valid with { Query = WithQuery(valid.Query, name, "1") + $"&{name}=2" });
            yield return new($"query: {name} left out", valid with { Query = WithoutQuery(valid.Query, name) });
        }
        if (contract.Parameters(valid.Operation, "query").Any())
            yield return new("query: every parameter left out", valid with { Query = "" });
        yield return new("query: an unknown parameter", valid with { Query = WithQuery(valid.Query, "unexpected", "1") });
        yield return new("query: a broken escape", valid with { Query = WithQuery(valid.Query, "x", "%ZZ%") });
    }

    private static readonly (string What, string Value)[] QueryValues =
    [
        ("empty", ""), ("a word", "abc"), ("-1", "-1"), ("0", "0"), ("beyond int", "2147483648"), ("a fraction", "1.5"), ("an exponent", "1e9"),
        ("the first day there is", "0001-01-01"), ("the last day there is", "9999-12-31"), ("30 February", "2026-02-30"), ("an unknown word", "not-a-value"),
        ("NUL and escape characters", "%00%1B"), ("right-to-left override", "%E2%80%AE"), ("5,000 characters", new string('z', 5_000)),
        ("a cursor that is not one", "eyJub3QiOiJhIGN1cnNvciJ9"), ("SQL", "%27%20OR%201%3D1%20--"),
    ];

    private IEnumerable<Variant> HeaderVariants(ApiRequest valid)
    {
        if (contract.Parameters(valid.Operation, "header").Any(p => (string)p["name"]! == "If-Match"))
            foreach (var value in new[] { null, "", "*", "\"0\"", "\"999999\"", "W/\"1\"", "garbage", "\"1\", \"2\"", new string('9', 10_000) })
                yield return new($"If-Match: {Describe(value ?? "(none)")}", valid.WithHeader("If-Match", value));
        if (contract.Parameters(valid.Operation, "header").Any(p => (string)p["name"]! == "Idempotency-Key"))
            foreach (var value in new[] { "", "key with spaces", "ключ", new string('k', 300), "\"quoted\"" })
                yield return new($"Idempotency-Key: {Describe(value)}", valid.WithHeader("Idempotency-Key", value));
        foreach (var accept in new[] { "application/xml", "text/csv", "image/png", ";;;", "*/*;q=0" })
            yield return new($"Accept: {accept}", valid.WithHeader("Accept", accept));
        foreach (var authorization in new[] { "Bearer", "Bearer not.a.token", "Basic dXNlcjpwYXNz", "Bearer " + new string('a', 20_000) })
            yield return new($"Authorization: {Describe(authorization)}", valid.WithHeader("Authorization", authorization) with { Caller = Callers.Anonymous });
    }

    /// <summary>A document upload's hostile forms: not a form, a broken one, the wrong part, and documents to refuse.</summary>
    private IEnumerable<Variant> UploadVariants(ApiRequest valid)
    {
        foreach (var (what, text, contentType) in Bodies)
            yield return new($"upload: {what}", valid with { Body = text is null ? null : Encoding.UTF8.GetBytes(text), ContentType = contentType });
        var pdf = "%PDF-1.7\n%%EOF\n"u8.ToArray();
        yield return new("upload: the document in a part not named file", valid with { Body = ApiRequest.Multipart(pdf, "a.pdf", "document") });
        yield return new("upload: an empty document", valid with { Body = ApiRequest.Multipart([], "a.pdf") });
        yield return new("upload: a program named as a PDF", valid with { Body = ApiRequest.Multipart("MZ\u0090\0\u0003"u8.ToArray(), "a.pdf") });
        yield return new("upload: HTML named as an image", valid with { Body = ApiRequest.Multipart("<script>alert(1)</script>"u8.ToArray(), "a.png") });
        yield return new("upload: a truncated form", valid with { Body = valid.Body![..(valid.Body!.Length / 2)] });
        yield return new("upload: another boundary", valid with { ContentType = "multipart/form-data; boundary=other" });
        yield return new("upload: no boundary", valid with { ContentType = "multipart/form-data" });
        yield return new("upload: a file name of control characters and a path",
            valid with { Body = ApiRequest.Multipart("MZ"u8.ToArray(), "../../etc/\u0001\u001b[31mpasswd") });
    }

    /// <summary>One to three fields of the body (or query parameters) set to hostile values picked by the seed.</summary>
    private Variant Random(ApiRequest valid)
    {
        if (contract.Operation(valid.Operation)["requestBody"] is not null && Parse(valid) is JsonObject example)
        {
            var nodes = Nodes(example, contract.BodySchema(valid.Operation), []).Where(n => n.Path.Count > 0).ToList();
            var changed = example.DeepClone();
            var what = new List<string>();
            for (var k = random.Next(1, 4); k > 0; k--)
            {
                var (path, schema) = nodes[random.Next(nodes.Count)];
                var values = ValuesFor(Resolve(schema), example, path).ToList();
                var (label, value) = values[random.Next(values.Count)];
                // An earlier pick may have replaced this node's parent: then this pick changes nothing.
                if (Set(changed, path, value?.DeepClone(), remove: false)) what.Add($"{Name(path)} = {label}");
            }
            return new($"random: {string.Join("; ", what)}", With(valid, Write(changed)));
        }
        var parameters = contract.Parameters(valid.Operation, "query").Select(p => (string)p["name"]!).ToList();
        if (parameters.Count == 0) parameters = ["unexpected"];
        var query = valid.Query;
        var picks = new List<string>();
        for (var k = random.Next(1, 4); k > 0; k--)
        {
            var name = parameters[random.Next(parameters.Count)];
            var (what, value) = QueryValues[random.Next(QueryValues.Length)];
            query = WithQuery(query, name, value);
            picks.Add($"{name} = {what}");
        }
        return new($"random query: {string.Join("; ", picks)}", valid with { Query = query });
    }

    private JsonNode? Resolve(JsonNode? schema) => contract.Resolve(schema);

    /// <summary>An id from the seed, so a run repeats exactly.</summary>
    private Guid NewId()
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    /// <summary>Every node of the example with its schema: the root, each property, and each array's items.</summary>
    private IEnumerable<(IReadOnlyList<object> Path, JsonNode? Schema)> Nodes(JsonNode? node, JsonNode? schema, IReadOnlyList<object> path)
    {
        schema = Resolve(schema);
        yield return (path, schema);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                    foreach (var inner in Nodes(value, schema?["properties"]?[key], [.. path, key])) yield return inner;
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    foreach (var inner in Nodes(array[i], schema?["items"], [.. path, i])) yield return inner;
                break;
        }
    }

    private static JsonNode? At(JsonNode root, IReadOnlyList<object> path) =>
        path.Aggregate<object, JsonNode?>(root, (node, step) => (step, node) switch
        {
            (int i, JsonArray array) when i < array.Count => array[i],
            (string key, JsonObject obj) => obj[key],
            _ => null,
        });

    /// <summary>The example with one node replaced (or removed), written out with any raw text spliced in.</summary>
    private static string Changed(JsonNode example, IReadOnlyList<object> path, JsonNode? value = null, bool remove = false)
    {
        var copy = example.DeepClone();
        Set(copy, path, value, remove);
        return Write(copy);
    }

    private static bool Set(JsonNode root, IReadOnlyList<object> path, JsonNode? value, bool remove)
    {
        switch (path[^1], At(root, path.Take(path.Count - 1).ToList()))
        {
            case (string key, JsonObject obj) when remove: obj.Remove(key); return true;
            case (string key, JsonObject obj): obj[key] = value; return true;
            case (int i, JsonArray array) when i < array.Count && remove: array.RemoveAt(i); return true;
            case (int i, JsonArray array) when i < array.Count: array[i] = value; return true;
            default: return false;
        }
    }

    private static string Write(JsonNode node)
    {
        var text = node.ToJsonString();
        for (var i = 0; i < Raw.Length; i++) text = text.Replace($"\"@@RAW{i}@@\"", Raw[i]);
        return text;
    }

    /// <summary>The object written with its property first repeated with another value: {"a":other,"a":1,...}.</summary>
    private static string Splice(JsonObject root, string property, string otherValue) =>
        $"{{\"{property}\":{otherValue},{root.ToJsonString()[1..]}";

    private static JsonNode? Parse(ApiRequest request)
    {
        try { return request.Body is null ? null : JsonNode.Parse(request.Body); }
        catch (System.Text.Json.JsonException) { return null; }
    }

    private static ApiRequest With(ApiRequest valid, string body) => valid with { Body = Encoding.UTF8.GetBytes(body), ContentType = "application/json" };

    private static string WithQuery(string query, string name, string value) => $"{WithoutQuery(query, name)}&{name}={value}".Replace("?&", "?");

    private static string WithoutQuery(string query, string name) =>
        "?" + string.Join('&', query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.Split('=')[0].Equals(name, StringComparison.OrdinalIgnoreCase)));

    private static string Name(IReadOnlyList<object> path) =>
        path.Count == 0 ? "the body" : string.Concat(path.Select((p, i) => p is int n ? $"[{n}]" : i == 0 ? (string)p : $".{p}"));

    private static string Describe(string text) =>
        text.Length > 40 ? $"({text.Length:N0} characters)" : $"'{string.Concat(text.Select(c => char.IsControl(c) || c > 0x7E ? $"\\u{(int)c:X4}" : c.ToString()))}'";
}
