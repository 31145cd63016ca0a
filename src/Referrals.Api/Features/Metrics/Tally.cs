using FluentValidation;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Metrics;

/// <summary>
/// What the figures are worked out from, for one set of contacts: counts that add up across days and
/// groups (so daily totals can be summed for any period), and the two things that do not: how many
/// distinct children, and every time to decision (for the percentiles).
/// </summary>
public sealed class Tally
{
    /// <summary>
    /// The counts that add up. Counts of forms come from each form's first child, so a form counts once. Referrals are
    /// contacts accepted for an assessment or a strategy discussion (ContactFact.ReferredAt), re-referrals among them.
    /// </summary>
    public enum Count
    {
        Contacts, ContactsByForm, Referrals, ReReferrals,
        // Distinct children, one count for each breakdown they are kept for (ContactFact.NewChildInFortnight and its kind).
        NewChildren, NewChildrenForAgencyType, NewChildrenForAgency, NewChildrenInWeek, NewChildrenInMonth,
        FormsReceived, QualityScoreTotal, ConsentAddressed, ChildsVoice, ActionsTaken, ReturnedForInformation,
        Rated, RatedPoor, Levelled, LevelAgreed,
        Decided, FirstDecisions, DecidedOnTime, OutcomesSent, OutcomesSentOnTime,
        // Referrals scored by the current rubric version, and their scores: averages never mix versions.
        ScoredWithCurrentRubric, CurrentRubricScoreTotal,
        // Contacts about an unborn baby or a baby under one, and their first decisions' timeliness.
        BabyContacts, BabyFirstDecisions, BabyDecidedOnTime,
    }

    private static readonly Count[] Counts = Enum.GetValues<Count>();
    private static readonly DecisionOutcome[] Outcomes = Enum.GetValues<DecisionOutcome>();
    private static readonly QualityReason[] Reasons = Enum.GetValues<QualityReason>();
    private static readonly QualityRating[] Ratings = Enum.GetValues<QualityRating>();

    /// <summary>
    /// Every additive count's name, in the order of its value: the daily totals' columns. Last, rated contacts scored
    /// by the current rubric, by the rubric's band and the practitioner's rating (BandGoodRatedPoor and so on): what
    /// the agreement between them is worked out from.
    /// </summary>
    public static readonly IReadOnlyList<string> Names =
    [
        .. Counts.Select(c => c.ToString()), .. Outcomes.Select(o => $"Outcome{o}"), .. Reasons.Select(r => $"Reason{r}"),
        .. Ratings.SelectMany(band => Ratings.Select(rating => $"Band{band}Rated{rating}")),
    ];

    private readonly int[] values = new int[Names.Count];

    public int this[Count count] => values[(int)count];
    public int Outcome(DecisionOutcome outcome) => values[Counts.Length + (int)outcome];
    public int Reason(QualityReason reason) => values[Counts.Length + Outcomes.Length + (int)reason];

    /// <summary>Rated contacts scored by the current rubric whose score fell in the band and whose rating was the rating.</summary>
    public int BandRated(QualityRating band, QualityRating rating) => values[BandRatedIndex(band, rating)];

    private static int BandRatedIndex(QualityRating band, QualityRating rating) =>
        Counts.Length + Outcomes.Length + Reasons.Length + (int)band * Ratings.Length + (int)rating;

    /// <summary>Distinct children among the contacts; null where not worked out (the report counts them only in the breakdowns it shows them for).</summary>
    public int? Children { get; set; }

    /// <summary>Hours from receipt to each child's first decision, in order; null where not worked out (as Children).</summary>
    public IReadOnlyList<double>? HoursToDecision { get; set; }

    /// <summary>The additive counts in column order (for storing daily totals).</summary>
    public IReadOnlyList<int> Values => values;

    public bool IsEmpty => values.All(v => v == 0);

    /// <summary>Works out every figure's inputs from contacts directly.</summary>
    public static Tally Of(IReadOnlyList<ContactFact> facts)
    {
        var tally = new Tally();
        foreach (var fact in facts) tally.Add(fact);
        tally.Children = facts.Select(f => f.ChildKey).Distinct().Count();
        tally.HoursToDecision = facts.Where(f => f.HoursToDecision is not null).Select(f => f.HoursToDecision!.Value).Order().ToList();
        return tally;
    }

    /// <summary>Adds (sign 1) or takes away (sign -1) one contact's counts.</summary>
    public void Add(ContactFact fact, int sign = 1)
    {
        void Bump(int index) => values[index] += sign;
        void Counted(Count count, bool when = true) { if (when) Bump((int)count); }

        Counted(Count.Contacts);
        Counted(Count.ContactsByForm, fact.Channel == Channel.ElectronicForm);
        Counted(Count.Referrals, fact.ReferredAt is not null);
        Counted(Count.ReReferrals, fact.ReReferral);
        Counted(Count.NewChildren, fact.NewChildInFortnight);
        Counted(Count.NewChildrenForAgencyType, fact.NewChildForAgencyType);
        Counted(Count.NewChildrenForAgency, fact.NewChildForAgency);
        Counted(Count.NewChildrenInWeek, fact.NewChildInWeek);
        Counted(Count.NewChildrenInMonth, fact.NewChildInMonth);
        if (fact.FirstOnReferral)
        {
            Counted(Count.FormsReceived);
            values[(int)Count.QualityScoreTotal] += sign * fact.QualityScore;
            Counted(Count.ConsentAddressed, fact.ConsentAddressed);
            Counted(Count.ChildsVoice, fact.ChildsVoice);
            Counted(Count.ActionsTaken, fact.ActionsTaken);
            Counted(Count.ReturnedForInformation, fact.ReturnedForInformation);
            if (fact.RubricVersion == QualityRubric.Version)
            {
                Counted(Count.ScoredWithCurrentRubric);
                values[(int)Count.CurrentRubricScoreTotal] += sign * fact.QualityScore;
            }
        }
        if (fact.QualityRating is { } rating)
        {
            Counted(Count.Rated);
            Counted(Count.RatedPoor, rating == QualityRating.Poor);
            foreach (var reason in fact.QualityReasons.Split(',', StringSplitOptions.RemoveEmptyEntries))
                if (Enum.TryParse<QualityReason>(reason, out var given)) Bump(Counts.Length + Outcomes.Length + (int)given);
            if (fact.RubricVersion == QualityRubric.Version) Bump(BandRatedIndex(QualityRubric.BandOf(fact.QualityScore), rating));
        }
        // A referrer who could not judge the level has nothing for the practitioner's level to agree with.
        if (fact.PractitionerLevel is { } level && LevelsOfNeed.IsKnown(fact.ReferrerLevel))
        {
            Counted(Count.Levelled);
            Counted(Count.LevelAgreed, level == fact.ReferrerLevel);
        }
        if (fact.Outcome is { } outcome)
        {
            Counted(Count.Decided);
            Bump(Counts.Length + (int)outcome);
        }
        if (fact.DecidedAt is { } decided)
        {
            Counted(Count.FirstDecisions);
            Counted(Count.DecidedOnTime, decided <= fact.DecisionDueAt);
            Counted(Count.BabyFirstDecisions, fact.Baby);
            Counted(Count.BabyDecidedOnTime, fact.Baby && decided <= fact.DecisionDueAt);
        }
        Counted(Count.BabyContacts, fact.Baby);
        if (fact is { OutcomeReadyAt: { } ready, OutcomeDueAt: { } due })
        {
            Counted(Count.OutcomesSent);
            Counted(Count.OutcomesSentOnTime, ready <= due);
        }
    }

    public void Add(IReadOnlyList<int> counts)
    {
        for (var i = 0; i < values.Length; i++) values[i] += counts[i];
    }
}
