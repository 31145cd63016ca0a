using Referrals.Api.Domain;

namespace Referrals.Api.Features.Metrics;

/// <summary>The four families of figures the performance group reads.</summary>
public enum FigureFamily { Volume, Quality, Outcomes, Timeliness }

/// <summary>How figures are broken down; each contact falls in one group (in several for concern categories, one per category ticked).</summary>
public enum Breakdown { None, Agency, AgencyType, ReferralSource, Locality, Channel, ConcernCategory, Outcome, Area }

/// <summary>
/// The definitions, written once: the code below computes exactly these, and the contract quotes them.
/// </summary>
public static class Definitions
{
    public const string Contact = "A contact is one child on one referral form received by the front door, by any channel, whatever became of it (withdrawn and duplicate forms included). Counted by the day it was received (London time).";
    public const string FormsReceived = "Forms received: referral forms received, however many children each names; in a breakdown that can part a form's children (by outcome) a form counts with its first child.";
    public const string Referral = "A referral, as the DfE counts one, is a contact children's social care accepted for an assessment (section 17) or a strategy discussion (section 47): its final decision (signed off where required) says so. New information on a case already open stays a contact. A referral is counted with the contact it came from, by the day that was received, so that the conversion rate, referrals of decided contacts, compares like with like.";
    public const string Children = "Children are the distinct children among the contacts: the same NHS number, or where there is none the same name and date of birth.";
    public const string ReReferral = "A re-referral is a referral for a child who had another referral in the 12 months before it (up to the same moment a year earlier), each dated by the decision that accepted it; the re-referral rate is re-referrals of referrals. Number of referrals in the last 12 months (Ofsted's list of referrals) counts the child's referrals in the 12 months up to and including this one.";
    public const string OnTime = "Decided on time: the child's first decision was recorded within one working day of receipt (by the same clock time on the next working day, skipping weekends and England's bank holidays). An outcome is sent on time when it is ready for the referrer within one working day of that decision.";
    public const string Quality = "Quality score: the rubric's score out of 100 at submission, averaged over the forms scored by the current rubric (version " + QualityRubric.Version + "); forms scored by an earlier version are counted and averaged apart (scoredWithEarlierRubric, averageQualityScoreEarlierRubric), because the versions score differently. Rated poor: the share of contacts whose decision rated the form poor, of those rated. Band agreement: of the rated contacts scored by the current rubric (bandRated), the share where the rubric's band (good 65 and over, adequate 40 to 64, poor under 40) is the practitioner's rating; bandAboveRating and bandBelowRating count those where the band is better or worse than the rating; bandRankCorrelation is Spearman's rank correlation between band and rating (ties at mid-rank), from -1 to 1, 1 when they rise together, none when either does not vary. Level agreement: the share of decided contacts where the practitioner's threshold level equals the referrer's level of need, of those where the referrer gave one.";
    public const string Babies = "Babies: contacts about an unborn baby or a baby under one on the day of receipt (an estimated age of 0 counts), the partnership's priority; babyDecided and babyDecidedWithinOneWorkingDayPercent are their first decisions and the share made within one working day.";
    public const string Suppression = "For analysts, a count from 1 to one below the threshold (5 unless configured), and every figure worked out from such a count, is suppressed (value null, suppressed true). Where a single group in a breakdown would be suppressed, or the suppressed groups add up to less than the threshold, the next smallest groups are suppressed too, so that neither can be worked out by subtracting the others from the total. Analysts read whole fortnights of the cycle only (from the first day of one to the last day of one, interval fortnight), so that no two answers differ by part of a period.";

    public static string Describe(FigureFamily family) => family switch
    {
        FigureFamily.Volume => $"{Contact} {FormsReceived} {Referral} {Children}",
        FigureFamily.Quality => $"{Quality} {Contact} {FormsReceived}",
        FigureFamily.Outcomes => $"Outcomes are counted per contact with a final decision (signed off where required). {Referral} {ReReferral}",
        FigureFamily.Timeliness => $"{OnTime} Time to decision is from receipt to the child's first decision, in hours. Overdue now: open referrals whose decision was due before now (in the fortnightly report, in this fortnight's column, as at the time of the report). {Babies}",
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

/// <summary>Works out each family's figures from a tally of contacts. Plain code: unit tested against hand-computed fixtures.</summary>
public static class FigureCalculator
{
    public static readonly IReadOnlyList<QualityReason> Reasons = Enum.GetValues<QualityReason>();

    public static IReadOnlyList<Measured> Calculate(FigureFamily family, IReadOnlyList<ContactFact> facts) => Calculate(family, Tally.Of(facts));

    public static IReadOnlyList<Measured> Calculate(FigureFamily family, Tally tally) => family switch
    {
        FigureFamily.Volume => Volume(tally),
        FigureFamily.Quality => Quality(tally),
        FigureFamily.Outcomes => Outcomes(tally),
        FigureFamily.Timeliness => Timeliness(tally),
        _ => throw new ArgumentOutOfRangeException(nameof(family)),
    };

    private static Measured Count(string name, int count) => new(name, count, count, true, name);

    private static Measured Share(string name, int part, int of, string baseName) =>
        new(name, of == 0 ? null : Math.Round(100.0 * part / of, 1, MidpointRounding.AwayFromZero), of, false, baseName);

    private static IReadOnlyList<Measured> Volume(Tally t) =>
    [
        Count("contacts", t[Tally.Count.Contacts]),
        Count("formsReceived", t[Tally.Count.FormsReceived]),
        Count("referrals", t[Tally.Count.Referrals]),
        t.Children is { } children ? Count("children", children) : new Measured("children", null, 0, true, "children"),
        Count("contactsByForm", t[Tally.Count.ContactsByForm]),
        Count("contactsByPhoneEmailOrInPerson", t[Tally.Count.Contacts] - t[Tally.Count.ContactsByForm]),
    ];

    private static IReadOnlyList<Measured> Quality(Tally t)
    {
        var forms = t[Tally.Count.FormsReceived];
        var contacts = t[Tally.Count.Contacts];
        var rated = t[Tally.Count.Rated];
        var levelled = t[Tally.Count.Levelled];
        var scored = t[Tally.Count.ScoredWithCurrentRubric];
        var scoredEarlier = forms - scored;
        var agreement = RubricAgreement.Of(t.BandRated);
        var figures = new List<Measured>
        {
            Count("formsReceived", forms),
            Count("scoredWithCurrentRubric", scored),
            new("averageQualityScore", scored == 0 ? null : Math.Round((double)t[Tally.Count.CurrentRubricScoreTotal] / scored, 1), scored, false,
                "scoredWithCurrentRubric"),
            Count("scoredWithEarlierRubric", scoredEarlier),
            new("averageQualityScoreEarlierRubric", scoredEarlier == 0 ? null
                : Math.Round((double)(t[Tally.Count.QualityScoreTotal] - t[Tally.Count.CurrentRubricScoreTotal]) / scoredEarlier, 1),
                scoredEarlier, false, "scoredWithEarlierRubric"),
            Share("consentAddressedPercent", t[Tally.Count.ConsentAddressed], forms, "formsReceived"),
            Share("childsVoicePercent", t[Tally.Count.ChildsVoice], forms, "formsReceived"),
            Share("actionsTakenPercent", t[Tally.Count.ActionsTaken], forms, "formsReceived"),
            Share("returnedForInformationPercent", t[Tally.Count.ReturnedForInformation], forms, "formsReceived"),
            Count("contacts", contacts),
            Share("electronicFormPercent", t[Tally.Count.ContactsByForm], contacts, "contacts"),
            Count("rated", rated),
            Share("ratedPoorPercent", t[Tally.Count.RatedPoor], rated, "rated"),
            Count("levelled", levelled),
            Share("levelAgreementPercent", t[Tally.Count.LevelAgreed], levelled, "levelled"),
            Count("bandRated", agreement.Rated),
            Share("bandAgreementPercent", agreement.Matching, agreement.Rated, "bandRated"),
            Count("bandAboveRating", agreement.BandAbove),
            Count("bandBelowRating", agreement.BandBelow),
            new("bandRankCorrelation", agreement.RankCorrelation, agreement.Rated, false, "bandRated"),
        };
        // Each reason's count among rated contacts; the report ranks them to show the most common.
        foreach (var reason in Reasons)
            figures.Add(Count($"reason:{EnumWords.Of(reason)}", t.Reason(reason)));
        return figures;
    }

    private static IReadOnlyList<Measured> Outcomes(Tally t)
    {
        var decided = t[Tally.Count.Decided];
        var figures = new List<Measured> { Count("contacts", t[Tally.Count.Contacts]), Count("decided", decided) };
        foreach (var outcome in Enum.GetValues<DecisionOutcome>())
            figures.Add(Count($"outcome:{EnumWords.Of(outcome)}", t.Outcome(outcome)));
        figures.Add(Share("socialCareAssessmentOrStrategyPercent",
            t.Outcome(DecisionOutcome.SocialCareAssessment) + t.Outcome(DecisionOutcome.StrategyDiscussion), decided, "decided"));
        figures.Add(Share("earlyHelpPercent", t.Outcome(DecisionOutcome.EarlyHelp), decided, "decided"));
        figures.Add(Share("noFurtherActionPercent", t.Outcome(DecisionOutcome.NoFurtherAction), decided, "decided"));
        figures.Add(Count("referrals", t[Tally.Count.Referrals]));
        figures.Add(Share("conversionRatePercent", t[Tally.Count.Referrals], decided, "decided"));
        figures.Add(Count("reReferrals", t[Tally.Count.ReReferrals]));
        figures.Add(Share("reReferralPercent", t[Tally.Count.ReReferrals], t[Tally.Count.Referrals], "referrals"));
        return figures;
    }

    private static IReadOnlyList<Measured> Timeliness(Tally t)
    {
        var decided = t[Tally.Count.FirstDecisions];
        return
        [
            Count("decided", decided),
            Share("decidedWithinOneWorkingDayPercent", t[Tally.Count.DecidedOnTime], decided, "decided"),
            new("medianHoursToDecision", Percentile(t.HoursToDecision ?? [], 0.5), decided, false, "decided"),
            new("ninetiethPercentileHoursToDecision", Percentile(t.HoursToDecision ?? [], 0.9), decided, false, "decided"),
            Count("outcomesSent", t[Tally.Count.OutcomesSent]),
            Share("outcomesSentWithinOneWorkingDayPercent", t[Tally.Count.OutcomesSentOnTime], t[Tally.Count.OutcomesSent], "outcomesSent"),
            Count("babyContacts", t[Tally.Count.BabyContacts]),
            Count("babyDecided", t[Tally.Count.BabyFirstDecisions]),
            Share("babyDecidedWithinOneWorkingDayPercent", t[Tally.Count.BabyDecidedOnTime], t[Tally.Count.BabyFirstDecisions], "babyDecided"),
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
