using System.Text;
using System.Text.Json;
using Referrals.Api.Common;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Referrals;

/// <summary>
/// What the printable copies of a submission show (SubmissionHtml, SubmissionPdf): both walk the form exactly as stored,
/// so every field that was submitted is shown and a field added to the form later appears without a change here.
/// </summary>
public static class SubmissionDocuments
{
    /// <summary>One line of the copy: a heading (no value) or a field and its answer, at a depth of nesting.</summary>
    public sealed record Line(int Depth, string Label, string? Value);

    public static IReadOnlyList<Line> Header(GetSubmission.SubmissionCopy copy) =>
    [
        new(0, "Reference", copy.Reference),
        new(0, "Received", $"{LondonTime.ToLocal(copy.ReceivedAt):dddd d MMMM yyyy, HH:mm} (London)"),
        new(0, "Agency", $"{copy.Agency.Name} ({copy.Agency.Code})"),
        new(0, "Channel", EnumWords.Of(copy.Channel).Replace('-', ' ')),
        new(0, "Submitted by", copy.SubmittedBy),
        new(0, "Referrer", copy.ReferrerName),
        .. copy.Attachments.Count == 0 ? [new Line(0, "Documents attached", "None")]
            : copy.Attachments.Select((a, i) => new Line(0, $"Document {i + 1}", Describe(a))),
    ];

    /// <summary>A document as the copy names it: enough to show that a file someone holds is the one sent.</summary>
    public static string Describe(Attachments.AttachmentSummary document) =>
        $"{document.FileName} ({Size(document.Bytes)}, {document.MediaType}; SHA-256 {document.Sha256})";

    public static string Size(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : bytes >= 1024 ? $"{bytes / 1024.0:0} KB" : $"{bytes} bytes";

    /// <summary>Every field of the form that was answered, in the form's order.</summary>
    public static IReadOnlyList<Line> Fields(ReferralForm form)
    {
        var lines = new List<Line>();
        Walk(JsonSerializer.SerializeToElement(form, Json.Options), 0, lines);
        return lines;
    }

    private static void Walk(JsonElement element, int depth, List<Line> lines)
    {
        foreach (var property in element.EnumerateObject())
        {
            var label = Label(property.Name);
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    lines.Add(new(depth, label, null));
                    Walk(property.Value, depth + 1, lines);
                    break;
                case JsonValueKind.Array when property.Value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Object):
                    var number = 0;
                    foreach (var item in property.Value.EnumerateArray())
                    {
                        lines.Add(new(depth, $"{ItemLabel(property.Name)} {++number}", null));
                        Walk(item, depth + 1, lines);
                    }
                    break;
                case JsonValueKind.Array:
                    lines.Add(new(depth, label, string.Join(", ", property.Value.EnumerateArray().Select(Text))));
                    break;
                default:
                    lines.Add(new(depth, label, Text(property.Value)));
                    break;
            }
        }
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
    };

    /// <summary>One of a list: "Child 1", "Household member 2".</summary>
    private static string ItemLabel(string list) => list switch
    {
        "children" => "Child",
        "household" => "Household member",
        "relationships" => "Relationship",
        _ => Label(list),
    };

    /// <summary>"whatHappened" becomes "What happened"; "nhsNumber" becomes "NHS number".</summary>
    public static string Label(string name)
    {
        var words = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && words.Length > 0) words.Append(' ');
            words.Append(char.ToLowerInvariant(c));
        }
        var label = words.ToString().Replace("nhs", "NHS").Replace("gp", "GP");
        return char.ToUpperInvariant(label[0]) + label[1..];
    }
}
