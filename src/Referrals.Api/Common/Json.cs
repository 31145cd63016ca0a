using System.Text.Json;
using System.Text.Json.Serialization;

namespace Referrals.Api.Common;

public static class Json
{
    /// <summary>
    /// The API's JSON: camelCase, enums as kebab-case words ("not-known"), unknown fields and
    /// duplicate keys refused, nulls not written, so a misspelt field is reported rather than silently lost.
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
    }

    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }

    public static string Word<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static bool TryParseWord<TEnum>(string? word, out TEnum value) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (Word(candidate) == word) { value = candidate; return true; }
        }
        value = default;
        return false;
    }
}
