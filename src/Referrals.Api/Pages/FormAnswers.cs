using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Referrals.Api.Common;
using Referrals.Api.Domain;

namespace Referrals.Api.Pages;

/// <summary>A question's answer that could not be read as given, or that the form's rules refuse: where, and what to do.</summary>
public sealed record PageError(string Path, string Message)
{
    public string Href => "#" + Question.IdOf(Path);
}

/// <summary>
/// The form's answers as its JSON, addressed by the paths the questions name: what a page shows, and how a posted page
/// becomes the form again (through the same JSON reading as the API, so "not-known", dates and words mean the same).
/// </summary>
public sealed class FormAnswers
{
    private readonly JsonObject _root;

    private FormAnswers(JsonObject root) => _root = root;

    public static FormAnswers Of(ReferralForm form) => new(JsonSerializer.SerializeToNode(form, Json.Options)!.AsObject());

    public JsonNode? Node(string path) => Walk(path, create: false) is var (parent, key) ? Get(parent, key) : null;

    public string? Text(string path) => Node(path) is JsonValue value
        ? value.TryGetValue<string>(out var text) ? text : value.ToJsonString()
        : null;

    public IReadOnlyList<string> Values(string path) =>
        Node(path) is JsonArray array ? array.Select(v => v?.GetValue<string>() ?? "").ToList() : [];

    /// <summary>The number of items in one of the form's lists (children, household).</summary>
    public int Count(string list) => (_root[list] as JsonArray)?.Count ?? 0;

    public bool Answered(string path) => Node(path) switch
    {
        null => false,
        JsonArray array => array.Count > 0,
        JsonObject item => item.Count > 0,
        var value => !string.IsNullOrWhiteSpace(value.ToString()),
    };

    /// <summary>Takes a posted page's answers to the section's questions (for one item of a list), noting what cannot be read.</summary>
    public void Take(Section section, int? item, IFormCollection posted, List<PageError> errors)
    {
        foreach (var question in section.Questions)
        {
            var path = section.PathOf(question, item);
            switch (question.Kind)
            {
                case QuestionKind.Checkboxes:
                    var ticked = posted[path].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => (JsonNode?)JsonValue.Create(v!)).ToArray();
                    Set(path, ticked.Length == 0 ? null : new JsonArray(ticked));
                    break;
                case QuestionKind.Date:
                    Set(path, Date(posted, path, question, errors));
                    break;
                case QuestionKind.Number:
                    var number = Trimmed(posted[path]);
                    if (number is null) Set(path, null);
                    else if (int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var whole)) Set(path, whole);
                    else errors.Add(new(path, $"{question.Label} must be a whole number, like 8"));
                    break;
                case QuestionKind.Radios when path.EndsWith("levelOfNeed", StringComparison.Ordinal):
                    var level = Trimmed(posted[path]);
                    Set(path, level is null ? null : int.TryParse(level, out var chosen) ? chosen : level);
                    break;
                case QuestionKind.Relationships:
                    var relationships = new JsonArray();
                    for (var child = 0; child < Count("children"); child++)
                        if (Trimmed(posted[$"{path}.{child}"]) is { } relationship)
                            relationships.Add(new JsonObject { ["childIndex"] = child, ["relationship"] = relationship });
                    Set(path, relationships.Count == 0 ? null : relationships);
                    break;
                default:
                    Set(path, Trimmed(posted[path]));
                    break;
            }
        }
    }

    /// <summary>The relationship this adult has to a child, as written.</summary>
    public string? Relationship(string path, int child) =>
        (Node(path) as JsonArray)?.OfType<JsonObject>().FirstOrDefault(r => r["childIndex"]?.GetValue<int>() == child)?["relationship"]?.GetValue<string>();

    /// <summary>Adds an item to a list (a child, an adult); its index.</summary>
    public int Add(string list)
    {
        if (_root[list] is not JsonArray array) _root[list] = array = [];
        array.Add(new JsonObject());
        return array.Count - 1;
    }

    public void Remove(string list, int item)
    {
        if (_root[list] is JsonArray array && item >= 0 && item < array.Count) array.RemoveAt(item);
        if (list != "children") return;
        // An adult's relationships point at children by position: those to the removed child go, later ones move up.
        foreach (var adult in (_root["household"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (adult["relationships"] is not JsonArray relationships) continue;
            foreach (var relationship in relationships.OfType<JsonObject>().ToList())
            {
                var index = relationship["childIndex"]?.GetValue<int>() ?? -1;
                if (index == item) relationships.Remove(relationship);
                else if (index > item) relationship["childIndex"] = index - 1;
            }
        }
    }

    /// <summary>The form these answers make, or null with the answer that could not be read.</summary>
    public ReferralForm? ToForm(List<PageError> errors)
    {
        try
        {
            return _root.Deserialize<ReferralForm>(Json.Options) ?? new ReferralForm();
        }
        catch (JsonException e)
        {
            var path = (e.Path ?? "$").TrimStart('$').TrimStart('.');
            errors.Add(new(path, "Check this answer: it is not one the form takes"));
            return null;
        }
    }

    private static string? Trimmed(Microsoft.Extensions.Primitives.StringValues value) =>
        value.ToString().Trim() is { Length: > 0 } text ? text : null;

    private static JsonNode? Date(IFormCollection posted, string path, Question question, List<PageError> errors)
    {
        var (day, month, year) = (Trimmed(posted[path + ".day"]), Trimmed(posted[path + ".month"]), Trimmed(posted[path + ".year"]));
        if (day is null && month is null && year is null) return null;
        if (day is null || month is null || year is null)
        {
            var missing = new[] { (day, "a day"), (month, "a month"), (year, "a year") }.Where(p => p.Item1 is null).Select(p => p.Item2);
            errors.Add(new(path, $"{question.Label} must include {string.Join(" and ", missing)}"));
            return null;
        }
        if (int.TryParse(day, out var d) && int.TryParse(month, out var m) && int.TryParse(year, out var y) && year.Length == 4
            && y >= 1900 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
            return new DateOnly(y, m, d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        errors.Add(new(path, $"{question.Label} must be a real date"));
        return null;
    }

    private void Set(string path, JsonNode? value)
    {
        var (parent, key) = Walk(path, create: true)!.Value;
        if (parent is JsonObject obj)
        {
            if (value is null) obj.Remove((string)key);
            else obj[(string)key] = value;
        }
        else if (parent is JsonArray array && key is int index && index < array.Count) array[index] = value;
    }

    private static JsonNode? Get(JsonNode parent, object key) => parent switch
    {
        JsonObject obj => obj[(string)key],
        JsonArray array when key is int index && index < array.Count => array[index],
        _ => null,
    };

    /// <summary>The node holding the path's last part, and that part; made on the way when asked to.</summary>
    private (JsonNode Parent, object Key)? Walk(string path, bool create)
    {
        var parts = new List<object>();
        foreach (var segment in path.Split('.'))
        {
            var open = segment.IndexOf('[');
            if (open < 0) parts.Add(segment);
            else
            {
                parts.Add(segment[..open]);
                parts.Add(int.Parse(segment[(open + 1)..segment.IndexOf(']')], CultureInfo.InvariantCulture));
            }
        }
        JsonNode node = _root;
        for (var i = 0; i < parts.Count - 1; i++)
        {
            var next = Get(node, parts[i]);
            if (next is null)
            {
                if (!create || node is not JsonObject obj) return null;
                next = parts[i + 1] is int ? new JsonArray() : new JsonObject();
                obj[(string)parts[i]] = next;
            }
            node = next;
        }
        return (node, parts[^1]);
    }
}
