namespace Referrals.Api.Features.Metrics;

/// <summary>The four families of figures the performance group reads.</summary>
public enum FigureFamily { Volume, Quality, Outcomes, Timeliness }

/// <summary>How figures are broken down; each contact falls in one group (in several for concern categories, one per category ticked).</summary>
public enum Breakdown { None, Agency, AgencyType, ReferralSource, Locality, Channel, ConcernCategory, Outcome }

/// <summary>
/// The definitions, written once: the code below computes exactly these, and the contract quotes them.
/// </summary>
public static class Definitions
{
    public const string Contact = "A contact is one child on one referral received by the front door, by any channel, whatever became of it (withdrawn and duplicate referrals included). Counted by the day it was received (London time).";
    public const string Referral = "A referral is one referral form received, however many children it names.";
    public const string Children = "Children are the distinct children among the contacts: the same NHS number, or where there is none the same name and date of birth.";
    public const string ReReferral = "A re-referral is a contact for a child who was on another referral received in the 12 months before (up to and including the same date a year earlier), not counting withdrawn referrals or duplicates.";
    public const string OnTime = "Decided on time: the child's first decision was recorded within one working day of receipt (by the same clock time on the next working day, skipping weekends and England's bank holidays). An outcome is sent on time when it is ready for the referrer within one working day of that decision.";
    public const string Quality = "Quality score: the form's rubric score out of 100 at submission, averaged over referrals. Rated poor: the share of contacts whose decision rated the referral poor, of those rated. Level agreement: the share of decided contacts where the practitioner's threshold level equals the referrer's level of need.";
    public const string Suppression = "For analysts, a count from 1 to one below the threshold (5 unless configured), and every figure worked out from such a count, is suppressed (value null, suppressed true). Where a single group in a breakdown would be suppressed, the next smallest group is suppressed too, so that it cannot be worked out by subtracting the others from the total.";

    public static string Describe(FigureFamily family) => family switch
    {
        FigureFamily.Volume => $"{Contact} {Referral} {Children}",
        FigureFamily.Quality => $"{Quality} {Contact}",
        FigureFamily.Outcomes => $"Outcomes are counted per contact with a final decision (signed off where required). {ReReferral}",
        FigureFamily.Timeliness => $"{OnTime} Time to decision is from receipt to the child's first decision, in hours. Overdue now: open referrals whose decision was due before now.",
        _ => throw new ArgumentOutOfRangeException(nameof(family)),
    };
}

/// <summary>One figure: its value (null when there is nothing to show or it is suppressed).</summary>
public sealed record Figure(double? Value, bool Suppressed = false);

/// <summary>
/// A figure as computed, before disclosure control: its value and the count of contacts, referrals or
/// children it rests on, which decides whether an analyst may see it.
/// </summary>
public sealed record Measured(string Name, double? Value, int Base, bool IsCount, string BaseName);

/// <summary>Works out each family's figures for a set of contacts. Plain code over rows: unit tested against hand-computed fixtures.</summary>
public static class FigureCalculator
{
    public static readonly IReadOnlyList<QualityReason> Reasons = Enum.GetValues<QualityReason>();

    public static IReadOnlyList<Measured> Calculate(FigureFamily family, IReadOnlyList<ContactFact> facts) => family switch
    {
        FigureFamily.Volume => Volume(facts),
        FigureFamily.Quality => Quality(facts),
        FigureFamily.Outcomes => Outcomes(facts),
        FigureFamily.Timeliness => Timeliness(facts),
        _ => throw new ArgumentOutOfRangeException(nameof(family)),
    };

    private static Measured Count(string name, int count) => new(name, count, count, true, name);

    private static Measured Share(string name, int part, int of, string baseName) =>
        new(name, of == 0 ? null : Math.Round(100.0 * part / of, 1, MidpointRounding.AwayFromZero), of, false, baseName);

    private static IReadOnlyList<Measured> Volume(IReadOnlyList<ContactFact> facts) =>
    [
        Count("contacts", facts.Count),
        Count("referrals", facts.Select(f => f.ReferralId).Distinct().Count()),
        Count("children", facts.Select(f => f.ChildKey).Distinct().Count()),
        Count("contactsByForm", facts.Count(f => f.Channel == Channel.ElectronicForm)),
        Count("contactsByPhoneEmailOrInPerson", facts.Count(f => f.Channel != Channel.ElectronicForm)),
    ];

    private static IReadOnlyList<Measured> Quality(IReadOnlyList<ContactFact> facts)
    {
        var referrals = facts.GroupBy(f => f.ReferralId).Select(g => g.First()).ToList();
        var rated = facts.Where(f => f.QualityRating is not null).ToList();
        var levelled = facts.Where(f => f.PractitionerLevel is not null).ToList();
        var figures = new List<Measured>
        {
            Count("referrals", referrals.Count),
            new("averageQualityScore", referrals.Count == 0 ? null : Math.Round(referrals.Average(r => r.QualityScore), 1), referrals.Count, false, "referrals"),
            Share("consentAddressedPercent", referrals.Count(r => r.ConsentAddressed), referrals.Count, "referrals"),
            Share("childsVoicePercent", referrals.Count(r => r.ChildsVoice), referrals.Count, "referrals"),
            Share("actionsTakenPercent", referrals.Count(r => r.ActionsTaken), referrals.Count, "referrals"),
            Share("returnedForInformationPercent", referrals.Count(r => r.ReturnedForInformation), referrals.Count, "referrals"),
            Count("contacts", facts.Count),
            Share("electronicFormPercent", facts.Count(f => f.Channel == Channel.ElectronicForm), facts.Count, "contacts"),
            Count("rated", rated.Count),
            Share("ratedPoorPercent", rated.Count(f => f.QualityRating == QualityRating.Poor), rated.Count, "rated"),
            Count("levelled", levelled.Count),
            Share("levelAgreementPercent", levelled.Count(f => f.PractitionerLevel == f.ReferrerLevel), levelled.Count, "levelled"),
        };
        // Each reason's count among rated contacts; the report ranks them to show the most common.
        var given = rated.SelectMany(f => f.QualityReasons.Split(',', StringSplitOptions.RemoveEmptyEntries)).CountBy(r => r).ToDictionary();
        foreach (var reason in Reasons)
            figures.Add(Count($"reason:{Json.Word(reason)}", given.GetValueOrDefault(reason.ToString())));
        return figures;
    }

    private static IReadOnlyList<Measured> Outcomes(IReadOnlyList<ContactFact> facts)
    {
        var decided = facts.Where(f => f.Outcome is not null).ToList();
        var figures = new List<Measured> { Count("contacts", facts.Count), Count("decided", decided.Count) };
        foreach (var outcome in Enum.GetValues<DecisionOutcome>())
            figures.Add(Count($"outcome:{Json.Word(outcome)}", decided.Count(f => f.Outcome == outcome)));
        figures.Add(Share("socialCareAssessmentOrStrategyPercent",
            decided.Count(f => f.Outcome is DecisionOutcome.SocialCareAssessment or DecisionOutcome.StrategyDiscussion), decided.Count, "decided"));
        figures.Add(Share("earlyHelpPercent", decided.Count(f => f.Outcome == DecisionOutcome.EarlyHelp), decided.Count, "decided"));
        figures.Add(Share("noFurtherActionPercent", decided.Count(f => f.Outcome == DecisionOutcome.NoFurtherAction), decided.Count, "decided"));
        figures.Add(Count("reReferrals", facts.Count(f => f.ReReferral)));
        figures.Add(Share("reReferralPercent", facts.Count(f => f.ReReferral), facts.Count, "contacts"));
        return figures;
    }

    private static IReadOnlyList<Measured> Timeliness(IReadOnlyList<ContactFact> facts)
    {
        var decided = facts.Where(f => f.DecidedAt is not null).ToList();
        var hours = decided.Select(f => (f.DecidedAt!.Value - f.ReceivedAt).TotalHours).Order().ToList();
        var sent = facts.Where(f => f.OutcomeReadyAt is not null && f.OutcomeDueAt is not null).ToList();
        return
        [
            Count("decided", decided.Count),
            Share("decidedWithinOneWorkingDayPercent", decided.Count(f => f.DecidedAt <= f.DecisionDueAt), decided.Count, "decided"),
            new("medianHoursToDecision", Percentile(hours, 0.5), decided.Count, false, "decided"),
            new("ninetiethPercentileHoursToDecision", Percentile(hours, 0.9), decided.Count, false, "decided"),
            Count("outcomesSent", sent.Count),
            Share("outcomesSentWithinOneWorkingDayPercent", sent.Count(f => f.OutcomeReadyAt <= f.OutcomeDueAt), sent.Count, "outcomesSent"),
        ];
    }

    /// <summary>Linear interpolation between closest ranks (the common "type 7" definition), in hours to one decimal place.</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return null;
        var position = (sorted.Count - 1) * p;
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return Math.Round(sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower), 1, MidpointRounding.AwayFromZero);
    }
}
