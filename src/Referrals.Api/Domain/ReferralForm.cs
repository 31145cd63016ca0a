using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Referrals.Api.Domain;

/// <summary>
/// The standardised referral form, exactly as a partner fills it in. Every member is nullable: a concern about a
/// child is accepted with whatever the referrer knows (what is missing lowers the quality score and prompts), and
/// only a referral that cannot be acted on is refused, naming the field. The accepted form is stored unchanged as
/// the referral's submission copy.
/// </summary>
public sealed record ReferralForm
{
    /// <summary>Electronic form for partners; the First Contact Team records phone, e-mail and in-person referrals.</summary>
    public Channel? Channel { get; init; }

    /// <summary>The referring agency's code. Referrers submit for the agency on their token and may
    /// leave this out; practitioners recording on a partner's behalf must give it.</summary>
    public string? AgencyCode { get; init; }

    public ReferrerDetails? Referrer { get; init; }
    [Required] public IReadOnlyList<ChildDetails>? Children { get; init; }
    public IReadOnlyList<SignificantAdult>? Household { get; init; }
    public ConsentDetails? Consent { get; init; }
    [Required] public ConcernDetails? Concern { get; init; }
    public ReferrerView? ReferrerView { get; init; }

    /// <summary>Only for domestic abuse notifications (mostly from police).</summary>
    public DomesticAbuseNotification? DomesticAbuse { get; init; }
}

public sealed record ReferrerDetails
{
    /// <summary>Taken from the signed-in referrer's token; required only when the First Contact Team records a referral on a partner's behalf.</summary>
    public string? Name { get; init; }
    /// <summary>Job title, e.g. "Designated safeguarding lead".</summary>
    public string? Role { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    /// <summary>Whether the agency's designated safeguarding lead was consulted.</summary>
    public Answer? SafeguardingLeadConsulted { get; init; }
}

public sealed record ChildDetails
{
    /// <summary>"not known" where it is not; for an unborn child, "Unborn".</summary>
    public string? FirstName { get; init; }
    /// <summary>"not known" where it is not.</summary>
    public string? LastName { get; init; }
    public string? Alias { get; init; }
    /// <summary>How to recognise a child whose name is not known, e.g. "a girl of about 8 with a red school coat".</summary>
    public string? Description { get; init; }
    /// <summary>
    /// At most one of: date of birth, estimated age in years, or expected due date for an unborn child. Where neither
    /// the date of birth nor the age is known, leave them out or answer "not-known".
    /// </summary>
    [JsonConverter(typeof(DateOrNotKnown))]
    public DateOnly? DateOfBirth { get; init; }
    [JsonConverter(typeof(NumberOrNotKnown))]
    public int? EstimatedAgeYears { get; init; }
    public DateOnly? ExpectedDueDate { get; init; }
    public Gender? Gender { get; init; }
    /// <summary>A census ethnicity code (WBRI, ..., REFU refused, NOBT not yet obtained) or its census label; see reference data.</summary>
    public string? Ethnicity { get; init; }
    public string? FirstLanguage { get; init; }
    public Answer? InterpreterNeeded { get; init; }
    public Answer? Disability { get; init; }
    /// <summary>Census disability codes (MOB, HAND, ..., AUT, DDA other; NONE alone for none); see reference data.</summary>
    public IReadOnlyList<string>? Disabilities { get; init; }
    public string? DisabilityDetails { get; init; }
    public string? Address { get; init; }
    public string? Postcode { get; init; }
    public string? SchoolOrSetting { get; init; }
    /// <summary>10 digits with a valid modulus 11 check digit, when known.</summary>
    public string? NhsNumber { get; init; }
    /// <summary>13 characters with a valid check letter, when known.</summary>
    public string? UniquePupilNumber { get; init; }
    /// <summary>Where the child is now.</summary>
    public string? CurrentLocation { get; init; }
    /// <summary>Whether the child is safe right now.</summary>
    public Answer? SafeNow { get; init; }
}

public sealed record SignificantAdult
{
    public string? Name { get; init; }
    public IReadOnlyList<RelationshipToChild>? Relationships { get; init; }
    public DateOnly? DateOfBirth { get; init; }
    public Answer? ParentalResponsibility { get; init; }
    public Answer? LivesWithChild { get; init; }
    /// <summary>Whether this person is alleged to pose a risk to the child.</summary>
    public Answer? AllegedToPoseRisk { get; init; }
}

public sealed record RelationshipToChild
{
    /// <summary>Position of the child in <c>children</c>, counting from 0.</summary>
    public int? ChildIndex { get; init; }
    /// <summary>E.g. "mother", "stepfather", "mother's partner".</summary>
    public string? Relationship { get; init; }
}

public sealed record ConsentDetails
{
    /// <summary>yes, no or not-known (true and false, this field's first form, are read as yes and no).</summary>
    [JsonConverter(typeof(YesNoOrNotKnown))]
    public Answer? ParentsAware { get; init; }
    /// <summary>Why parents are not aware, e.g. telling them would place the child at greater risk.</summary>
    public string? ParentsAwareReason { get; init; }
    /// <summary>yes, no or not-known (true and false, this field's first form, are read as yes and no).</summary>
    [JsonConverter(typeof(YesNoOrNotKnown))]
    public Answer? ParentsConsented { get; init; }
    /// <summary>Why there is no consent, e.g. could not be contacted.</summary>
    public string? ConsentReason { get; init; }
}

/// <summary>The word an answer that may be not known takes, wherever the form allows it: Answer.NotKnown's own word.</summary>
public static class NotKnownAnswer
{
    public const string Word = "not-known";
}

/// <summary>
/// An answer of yes, no or not-known that was first a true or false: submission copies stored then, and clients
/// written then, are read as they meant. Written as the word, as every Answer is.
/// </summary>
public sealed class YesNoOrNotKnown : JsonConverter<Answer?>
{
    public override Answer? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.True => Answer.Yes,
        JsonTokenType.False => Answer.No,
        JsonTokenType.String when EnumWords.TryParse<Answer>(reader.GetString(), out var answer) => answer,
        _ => throw new JsonException("Answer yes, no or not-known."),
    };

    public override void Write(Utf8JsonWriter writer, Answer? value, JsonSerializerOptions options)
    {
        if (value is { } answer) writer.WriteStringValue(EnumWords.Of(answer));
        else writer.WriteNullValue();
    }
}

public sealed record ConcernDetails
{
    /// <summary>Codes from the concern categories reference list; at least one.</summary>
    public IReadOnlyList<string>? Categories { get; init; }
    public string? WhatHappened { get; init; }
    public string? WhenAndWhere { get; init; }
    /// <summary>How the referrer knows: seen, told by the child, told by another person.</summary>
    public string? HowKnown { get; init; }
    /// <summary>Any disclosure: who said what, to whom, when.</summary>
    public string? Disclosure { get; init; }
    public string? ImpactOnChild { get; init; }
    /// <summary>What the child has said and how they seem.</summary>
    public string? ChildsVoice { get; init; }
    /// <summary>Strengths and protective factors.</summary>
    public string? WhatIsGoingWell { get; init; }
    /// <summary>Support already offered and its result, e.g. an early help assessment.</summary>
    public string? ActionsAlreadyTaken { get; init; }
    public string? OtherProfessionals { get; init; }
    public string? HopedOutcome { get; init; }
}

public sealed record ReferrerView
{
    /// <summary>1 universal, 2 emerging needs, 3 intensive / complex needs, 4 specialist / child protection, or "not-known".</summary>
    [JsonConverter(typeof(LevelOfNeedOrNotKnown))]
    public int? LevelOfNeed { get; init; }
    public RiskLevel? Risk { get; init; }
    public string? RiskReason { get; init; }
}

public sealed record DomesticAbuseNotification
{
    public DomesticAbuseRisk? RiskLevel { get; init; }
    public Answer? ChildrenPresent { get; init; }
    public Answer? MaracReferralMade { get; init; }
}

/// <summary>
/// A level of need: a number from 1 to 4, or the word "not-known" (held as LevelsOfNeed.NotKnown, 0), because a
/// referrer who cannot judge the level still has a concern to pass on.
/// </summary>
public sealed class LevelOfNeedOrNotKnown : JsonConverter<int?>
{
    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number when reader.TryGetInt32(out var level) && level != LevelsOfNeed.NotKnown => level,
        JsonTokenType.String when reader.GetString() == NotKnownAnswer.Word => LevelsOfNeed.NotKnown,
        _ => throw new JsonException("Give the level of need as 1, 2, 3 or 4, or \"not-known\"."),
    };

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options)
    {
        if (value is LevelsOfNeed.NotKnown) writer.WriteStringValue(NotKnownAnswer.Word);
        else if (value is { } level) writer.WriteNumberValue(level);
        else writer.WriteNullValue();
    }
}

/// <summary>A date (yyyy-MM-dd), or "not-known", read as no date: the referrer says so rather than leaving it blank.</summary>
public sealed class DateOrNotKnown : JsonConverter<DateOnly?>
{
    public override DateOnly? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && reader.GetString() is { } text
            ? text == NotKnownAnswer.Word ? null
            : DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None,
                out var date) ? date : throw new JsonException("Give a date as yyyy-MM-dd, or \"not-known\".")
            : throw new JsonException("Give a date as yyyy-MM-dd, or \"not-known\".");

    public override void Write(Utf8JsonWriter writer, DateOnly? value, JsonSerializerOptions options)
    {
        if (value is { } date) writer.WriteStringValue(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        else writer.WriteNullValue();
    }
}

/// <summary>A whole number, or "not-known", read as no number.</summary>
public sealed class NumberOrNotKnown : JsonConverter<int?>
{
    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number when reader.TryGetInt32(out var number) => number,
        JsonTokenType.String when reader.GetString() == NotKnownAnswer.Word => null,
        _ => throw new JsonException("Give a whole number, or \"not-known\"."),
    };

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options)
    {
        if (value is { } number) writer.WriteNumberValue(number);
        else writer.WriteNullValue();
    }
}
