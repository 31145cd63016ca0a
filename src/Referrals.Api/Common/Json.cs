using System.Text.Json;
using System.Text.Json.Serialization;

namespace Referrals.Api.Common;

public static class Json
{
    /// <summary>
    /// The API's JSON: camelCase, enums as kebab-case words ("not-known"), unknown fields, duplicate keys and
    /// numbers sent as text refused, nulls not written, so a misspelt field is reported rather than silently lost.
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        // An absent answer is left out rather than written as null: OpenAPI 3.0 cannot say a $ref may be null.
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.MaxDepth = 32;
        // The web defaults read "3" as 3; the contract says integer, so a number sent as text is refused, not guessed at.
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new CleanStringConverter());
    }

    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }

    /// <summary>
    /// Refuses text no record should hold: control characters other than tab and line breaks (PostgreSQL
    /// cannot store NUL at all) and broken UTF-16 (a lone surrogate cannot be written as UTF-8).
    /// Refusing while reading makes it a 400 naming the field, on both engines alike.
    /// </summary>
    private sealed class CleanStringConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = reader.GetString();
            if (value is not null && !IsClean(value)) throw new JsonException("The text holds control characters or broken Unicode.");
            return value;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    public static bool IsClean(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) return false;
            if (char.IsHighSurrogate(c) && (i + 1 == value.Length || !char.IsLowSurrogate(value[++i]))) return false;
            if (char.IsLowSurrogate(c)) return false;
        }
        return true;
    }
}
