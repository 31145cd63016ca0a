using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Referrals.IntegrationTests.Infrastructure;

/// <summary>
/// Every child's personal detail any test has sent the service (names, dates of birth, NHS numbers, addresses,
/// narrative), read from the request bodies themselves, so the whole HTTP suite checks the logs for them.
/// </summary>
public sealed class PersonalData
{
    /// <summary>The form's and triage's fields that hold a child's personal data or narrative about the child.</summary>
    private static readonly HashSet<string> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        "firstName", "lastName", "alias", "dateOfBirth", "address", "postcode", "nhsNumber", "uniquePupilNumber", "currentLocation",
        "disabilityDetails", "whatHappened", "whenAndWhere", "howKnown", "disclosure", "impactOnChild", "childsVoice", "whatIsGoingWell",
        "actionsAlreadyTaken", "otherProfessionals", "hopedOutcome", "parentsAwareReason", "consentReason", "riskReason",
        "rationale", "feedbackToReferrer", "questions", "answer",
    };

    private readonly ConcurrentDictionary<string, Regex> _values = new();

    public void RememberFrom(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            Walk(document.RootElement, null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Hostile or broken bodies: nothing the service could have understood, so nothing to look for.
        }
    }

    private void Walk(JsonElement element, string? name)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject()) Walk(property.Value, property.Name);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) Walk(item, name);
                break;
            case JsonValueKind.String when name is not null && Fields.Contains(name):
                Remember(element.GetString()!.Trim());
                break;
        }
    }

    /// <summary>
    /// Words the service itself uses as names: its code words (school, phone, police) and the names of its types and
    /// their properties, which are its tables and columns. A test that names a child "School" or "Secret" has not leaked
    /// it when a metric is labelled agency.type=school or a span's SQL names the "Secret" column: the two cannot be told apart.
    /// </summary>
    private static readonly HashSet<string> CodeWords = typeof(global::Referrals.Api.Domain.EnumWords).Assembly.GetTypes()
        .SelectMany(t => t.IsEnum
            ? Enum.GetNames(t).Select(JsonNamingPolicy.KebabCaseLower.ConvertName)
            : t.GetProperties().Select(p => p.Name).Append(t.Name))
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private void Remember(string value)
    {
        if (value.Length < 3 || value.Equals("not known", StringComparison.OrdinalIgnoreCase) || CodeWords.Contains(value)) return;
        var forms = new List<string> { value };
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", out var date)) forms.Add(date.ToString("dd/MM/yyyy"));
        var digits = new string(value.Where(char.IsDigit).ToArray());
        if (digits.Length == 10 && value.All(c => char.IsDigit(c) || c == ' ')) forms.Add(digits);
        foreach (var form in forms)
            _values.GetOrAdd(form, f => new Regex($@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(f)}(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));
    }

    /// <summary>The first personal detail a line contains, if any.</summary>
    public string? FoundIn(string line) => _values.FirstOrDefault(v => v.Value.IsMatch(line)).Key;
}

/// <summary>Notes the personal data in each request the tests send; after each answer, fails the call if any has reached the logs.</summary>
public sealed class PersonalDataGuard(PersonalData personalData, LogCapture logs) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { Headers.ContentType.MediaType: { } type } content && type.Contains("json"))
            personalData.RememberFrom(System.Text.Encoding.UTF8.GetString(await content.ReadAsByteArrayAsync(cancellationToken)));
        var response = await base.SendAsync(request, cancellationToken);
        if (logs.Leaks.TryPeek(out var leak))
            throw new InvalidOperationException($"A child's personal data reached the logs ({leak.Value}): {leak.Line}");
        return response;
    }
}
