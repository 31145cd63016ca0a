using System.Text.Json;

namespace Referrals.Api.Domain;

/// <summary>
/// The council's word for each value of the domain's enums ("not-known", "social-care-assessment"): the same word in
/// the API, the figures, the documents and the trail, so a value is named one way wherever a reader meets it.
/// </summary>
public static class EnumWords
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Words<TEnum>.Of.TryGetValue(value, out var word) ? word : JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static bool TryParse<TEnum>(string? word, out TEnum value) where TEnum : struct, Enum =>
        Words<TEnum>.Back.TryGetValue(word ?? "", out value);

    /// <summary>Each enum's words worked out once: the figures name groups by them for every row they read.</summary>
    private static class Words<TEnum> where TEnum : struct, Enum
    {
        public static readonly Dictionary<TEnum, string> Of =
            Enum.GetValues<TEnum>().Distinct().ToDictionary(v => v, v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()));
        public static readonly Dictionary<string, TEnum> Back =
            Of.GroupBy(w => w.Value).ToDictionary(g => g.Key, g => g.First().Key, StringComparer.Ordinal);
    }
}
