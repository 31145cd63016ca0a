using System.Text.RegularExpressions;
using static Referrals.Api.Domain.ChildIdentifiers;

namespace Referrals.Api.Domain;

/// <summary>
/// The published quality rubric (version 2): what a good referral tells the First Contact Team, judged from what is
/// written wherever it is written on the form, by rules a referrer can read. Length earns nothing by itself; a box
/// filled with general worry earns nothing; a dated injury, the child's own words and who saw it do. Every finding
/// quotes the words that earned it, or says what is missing with a prompt and the JSON path to add it to.
/// The version is stored with every score so that figures compare like with like: referrals scored by version 1
/// (2026.1, which counted filled boxes) keep that score. Change a rule, its points or a band only with a new version.
/// </summary>
public static partial class QualityRubric
{
    public const string Version = "2026.2";

    /// <summary>One way an element earns points: what the rule looks for, in plain words, and what it is worth.</summary>
    public sealed record Rule(string Code, string LooksFor, int Points);

    public sealed record Element(string Code, string Name, int Weight, string Asks, IReadOnlyList<Rule> Rules);

    /// <summary>Words that earned points: which rule, the words as written, and where they are on the form.</summary>
    public sealed record Evidence(string Rule, string Words, string Path);

    /// <summary>What the referrer can add, and the JSON path of the field to add it to.</summary>
    public sealed record Prompt(string Path, string Message);

    /// <param name="Met">Whether the element earned at least half its points (the figures count these).</param>
    /// <param name="Message">In a sentence: what was found, or what is missing.</param>
    /// <param name="Points">Points earned out of Weight (version 1 findings, stored before this, have none: all or nothing).</param>
    public sealed record Finding(string Code, string Name, int Weight, bool Met, string? Message,
        int? Points = null, IReadOnlyList<Evidence>? Found = null, IReadOnlyList<Prompt>? Prompts = null);

    /// <param name="Band">good, adequate or poor, in the words of the practitioner's rating (version 1 assessments have none).</param>
    public sealed record Assessment(int Score, string RubricVersion, IReadOnlyList<Finding> Findings, QualityRating? Band = null);

    public sealed record BandLimit(QualityRating Band, int From, string Means);

    /// <summary>Score bands, highest first, so the score can be set beside the practitioner's rating (good, adequate, poor).</summary>
    public static readonly IReadOnlyList<BandLimit> Bands =
    [
        new(QualityRating.Good, 65, "Enough to make a risk decision without going back to the referrer."),
        new(QualityRating.Adequate, 40, "A decision can be made, but the team will need to find out more."),
        new(QualityRating.Poor, 0, "The team must go back to the referrer or others before it can judge the risk."),
    ];

    public static QualityRating BandOf(int score) => Bands.First(b => score >= b.From).Band;

    // The rules, each once: the elements list them for the published rubric, and Assess awards their points.
    private static readonly Rule Incident = new("incident",
        "A specific event or observation: something done, seen, found or said (hit, pushed, arrived hungry, found alone, called 999, disclosed). " +
        "A domestic abuse notification is one.", 10);
    private static readonly Rule Harm = new("harm", "An injury or a visible sign of harm or neglect (bruise, cuts, burn, black eye, hungry, unwashed, no food).", 6);
    private static readonly Rule When = new("when",
        "When it happened: a date, a day, a time or how recently (12 March, on Tuesday, last night, at 7pm, this morning).", 5);
    private static readonly Rule Where = new("where", "Where it happened (at home, at school, in the street, at the surgery, in A&E).", 2);
    private static readonly Rule Who = new("who",
        "Who was there or involved (mum, stepfather, the children present, a neighbour); a notification's \"children present\" counts.", 2);
    private static readonly Rule Disclosed = new("disclosure", "A disclosure: what the child or someone else told, in their words.", 3);
    private static readonly Rule Vague = new("vague-worry",
        "Each stock phrase of general worry (\"concerns for some time\", \"lots of issues at home\", \"mum is struggling\") takes 3 points " +
        "away. When, where and who earn nothing without an event, a sign of harm or a disclosure: general worry earns nothing, however long.", -3);
    private static readonly Rule FirstHand = new("first-hand",
        "Known first-hand: the referrer or a colleague saw, heard or was told directly, examined, attended, or holds a record " +
        "(\"I saw\", \"she told me\", \"officers attended\", \"our records\"). A domestic abuse notification is a record.", 10);
    private static readonly Rule SecondHand = new("second-hand",
        "Known second-hand from a named source (\"a neighbour told me\", \"reported by her aunt\"): acceptable, and as good when said.", 10);
    private static readonly Rule Hearsay = new("hearsay", "Hearsay with no source (\"apparently\", \"it is rumoured\"): say who told you.", 4);
    private static readonly Rule ChildsWords = new("childs-words",
        "The child's own words: a quotation in the child's voice or disclosure, or what the child said, told or asked " +
        "(\"Amy said there is no food\"). A sentence saying the child says nothing earns nothing.", 15);
    private static readonly Rule Observed = new("observed",
        "What was observed of the child (seemed frightened, flinched, was crying, withdrawn): full marks for a child too young to speak " +
        "(under 3, or unborn), half otherwise.", 8);
    private static readonly Rule LevelGiven = new("level-given", "The referrer's level of need (1 to 4).", 2);
    private static readonly Rule RiskGiven = new("risk-given", "The referrer's view of the risk (low, medium, high), or the notification's risk level.", 2);
    private static readonly Rule RiskReasoned = new("risk-reasoned",
        "The risk reasoned from facts (\"high because he has hit her before and the children saw it\"), or a domestic abuse risk " +
        "assessment's level. General worry is not a reason.", 6);
    private static readonly Rule Strength = new("strength",
        "A specific strength or protective factor (grandmother has the children after school, mum called the police, attends every day, " +
        "engages with the health visitor). \"Mum loves her\" alone is not one.", 5);
    private static readonly Rule ActionTaken = new("action",
        "Something already done and by whom (spoke to mum, early help assessment, safety plan, referred to CAMHS, arrested, MARAC referral).", 10);
    private static readonly Rule Monitoring = new("monitoring", "Only \"monitoring\" or \"keeping an eye\", without what was done.", 3);
    private static readonly Rule Professional = new("professional",
        "Another professional or service named (GP, health visitor, school nurse, CAMHS, police, early help), or \"none\" said plainly.", 5);
    private static readonly Rule BornOrDue = new("born", "For each child: a date of birth or due date (an estimated age earns half).", 4);
    private static readonly Rule Findable = new("findable", "For each child: an NHS number, or an address with a postcode.", 4);
    private static readonly Rule Surname = new("surname", "For each child: a surname.", 2);
    private static readonly Rule ConsentAnswered = new("consent",
        "Consent answered: yes, or no with the reason. Early help is offered with the family's agreement, so an early help request " +
        "without consent is flagged for the First Contact Team.", 4);
    private static readonly Rule AwarenessAnswered = new("awareness", "Parents' awareness answered: yes, or no with the reason.", 3);
    private static readonly Rule PhoneAndEmail = new("phone-and-email", "A phone number and an e-mail address: 1 point each.", 2);

    public static readonly IReadOnlyList<Element> Elements =
    [
        new("what-happened", "What happened, specifically", 28,
            "What happened, when, where and who was there; any injury or sign of harm; any disclosure.",
            [Incident, Harm, When, Where, Who, Disclosed, Vague]),
        new("how-known", "How the referrer knows", 10, "Seen, told directly, a record, or told by whom.", [FirstHand, SecondHand, Hearsay]),
        new("childs-voice", "The child's voice", 15, "What the child said, in their words, or how the child seemed.", [ChildsWords, Observed]),
        new("level-of-need-reasoned", "Level of need and risk, with reasons", 10,
            "The referrer's view of the level of need and the risk, and why, from the facts.", [LevelGiven, RiskGiven, RiskReasoned]),
        new("strengths", "What is going well", 5, "Strengths and protective factors.", [Strength]),
        new("actions-taken", "What has already been done", 10, "Support offered or action taken, and by whom.", [ActionTaken, Monitoring]),
        new("other-professionals", "Other professionals involved", 5, "Who else knows the family.", [Professional]),
        new("child-identifiers", "Identifiers that let each child be found", 8,
            "Enough to find each child's records: averaged over the children.", [BornOrDue, Findable, Surname]),
        new("consent-addressed", "Consent addressed", 4, "Whether the family consents to the referral.", [ConsentAnswered]),
        new("parental-awareness", "Parents' awareness", 3, "Whether the parents or carers know of the referral.", [AwarenessAnswered]),
        new("contactable-referrer", "Contactable referrer", 2, "How the team can reach the referrer.", [PhoneAndEmail]),
    ];

    private static readonly IReadOnlyDictionary<string, Element> ByCode = Elements.ToDictionary(e => e.Code);

    /// <summary>
    /// A sentence of the form's free text and its JSON path, with what it denies blanked out: "no marks seen" and "nothing
    /// was disclosed" tell of no mark and no disclosure (blanked with spaces, so every word left is where it was written).
    /// </summary>
    private sealed record Passage(string Path, string Text);

    private static readonly (string Path, Func<ConcernDetails, string?> Read)[] ConcernFields =
    [
        ("concern.whatHappened", c => c.WhatHappened), ("concern.whenAndWhere", c => c.WhenAndWhere), ("concern.howKnown", c => c.HowKnown),
        ("concern.disclosure", c => c.Disclosure), ("concern.impactOnChild", c => c.ImpactOnChild), ("concern.childsVoice", c => c.ChildsVoice),
        ("concern.whatIsGoingWell", c => c.WhatIsGoingWell), ("concern.actionsAlreadyTaken", c => c.ActionsAlreadyTaken),
        ("concern.otherProfessionals", c => c.OtherProfessionals), ("concern.hopedOutcome", c => c.HopedOutcome),
    ];

    /// <param name="today">The day of the assessment (London), for the children's ages.</param>
    public static Assessment Assess(ReferralForm form, DateOnly today)
    {
        var scoring = new Scoring(form, today);
        var findings = new List<Finding>
        {
            scoring.WhatHappened(), scoring.HowKnown(), scoring.ChildsVoice(), scoring.LevelAndRisk(), scoring.Strengths(),
            scoring.ActionsTaken(), scoring.OtherProfessionals(), scoring.ChildIdentifiers(), scoring.Consent(), scoring.Awareness(),
            scoring.Contactable(),
        };
        var score = findings.Sum(f => f.Points ?? 0);
        return new Assessment(score, Version, findings, BandOf(score));
    }

    /// <summary>One form's scoring: its passages split once into sentences, each element judged over them.</summary>
    private sealed class Scoring
    {
        private readonly ReferralForm form;
        private readonly DateOnly today;
        private readonly ConcernDetails concern;
        /// <summary>The sentences that can earn points: not those built on a stock phrase of general worry.</summary>
        private readonly List<Passage> sentences = [];
        private readonly List<Evidence> vague = [];
        private readonly HashSet<string> childNames;

        public Scoring(ReferralForm form, DateOnly today)
        {
            this.form = form;
            this.today = today;
            concern = form.Concern ?? new ConcernDetails();
            foreach (var (path, read) in ConcernFields)
                if (read(concern) is { } text && IsKnown(text))
                    foreach (var sentence in SentenceBreak().Split(text))
                    {
                        if (string.IsNullOrWhiteSpace(sentence)) continue;
                        var passage = new Passage(path, Denied().Replace(sentence.Trim(), m => new string(' ', m.Length)));
                        var stock = VagueWorry().Matches(passage.Text);
                        foreach (Match m in stock) vague.Add(new Evidence(Vague.Code, m.Value, path));
                        // "We are worried because she had a bruise" still tells of a bruise; "mum has said things are
                        // difficult" tells nothing, and earns nothing anywhere on the form.
                        if (stock.Count == 0 || IncidentWords().IsMatch(passage.Text) || HarmWords().IsMatch(passage.Text)) sentences.Add(passage);
                    }
            childNames = (form.Children ?? []).Where(c => c is not null && IsKnown(c.FirstName))
                .Select(c => c.FirstName!.Trim().ToLowerInvariant()).ToHashSet();
        }

        private bool IsEmergency => form.DomesticAbuse is { } notification
            && (notification.RiskLevel is not null || notification.ChildrenPresent is not null);

        public Finding WhatHappened()
        {
            var found = new List<Evidence>();
            foreach (var s in sentences)
            {
                First(found, Incident, IncidentWords(), s);
                First(found, Harm, HarmWords(), s);
                First(found, When, WhenWords(), s);
                First(found, Where, WhereWords(), s);
                First(found, Who, WhoWords(), s);
                First(found, Disclosed, SpeechWords(), s);
            }
            if (IsEmergency && !Has(found, Incident))
                found.Add(new Evidence(Incident.Code, "domestic abuse notification", "domesticAbuse"));
            if (form.DomesticAbuse?.ChildrenPresent == Answer.Yes && !Has(found, Who))
                found.Add(new Evidence(Who.Code, "children present: yes", "domesticAbuse.childrenPresent"));

            var prompts = new List<Prompt>();
            var specific = Has(found, Incident) || Has(found, Harm) || Has(found, Disclosed);
            if (!specific)
            {
                // When, where and who describe an event; without one they are general worry, whatever the length.
                found.Clear();
                prompts.Add(new("concern.whatHappened",
                    "Say what happened or what you saw or were told: a specific event or observation, not a general worry."));
            }
            if (!Has(found, When)) prompts.Add(new("concern.whenAndWhere", "Say when it happened: a date, a day or a time, and how recently."));
            if (!Has(found, Where)) prompts.Add(new("concern.whenAndWhere", "Say where it happened."));
            if (specific && !Has(found, Who)) prompts.Add(new("concern.whatHappened", "Say who was there or involved."));
            var distinctVague = vague.DistinctBy(v => v.Words.ToLowerInvariant()).ToList();
            if (distinctVague.Count > 0)
                prompts.Add(new("concern.whatHappened",
                    $"Replace general phrases ({string.Join(", ", distinctVague.Select(v => $"\"{v.Words}\""))}) with what was seen or said, and when."));
            var points = Math.Max(0, Points(found) + Vague.Points * distinctVague.Count);
            return Judged("what-happened", points, [.. found, .. distinctVague], prompts);
        }

        public Finding HowKnown()
        {
            var found = new List<Evidence>();
            foreach (var s in sentences)
            {
                First(found, FirstHand, FirstHandWords(), s);
                First(found, SecondHand, SecondHandWords(), s);
                First(found, Hearsay, HearsayWords(), s);
            }
            if (IsEmergency && !Has(found, FirstHand))
                found.Add(new Evidence(FirstHand.Code, "domestic abuse notification", "domesticAbuse"));
            // Seen or told by a named source are as good as each other; hearsay counts only when there is nothing better.
            var chosen = found.FirstOrDefault(e => e.Rule != Hearsay.Code) ?? found.FirstOrDefault();
            var prompts = new List<Prompt>();
            if (chosen is null)
                prompts.Add(new("concern.howKnown", "Say how you know: what you saw or heard yourself, a record, or who told you."));
            else if (chosen.Rule == Hearsay.Code)
                prompts.Add(new("concern.howKnown", "Say who told you: hearsay with no source is hard to act on."));
            return Judged("how-known", chosen is null ? 0 : RuleOf(chosen).Points, chosen is null ? [] : [chosen], prompts);
        }

        public Finding ChildsVoice()
        {
            var children = (form.Children ?? []).Where(c => c is not null).ToList();
            var element = ByCode["childs-voice"];
            if (children.Count > 0 && children.All(c => c.ExpectedDueDate is not null && c.DateOfBirth is null))
                return new Finding(element.Code, element.Name, element.Weight, true,
                    "An unborn child: the voice of the child is heard through the parents and professionals; nothing to add here.",
                    element.Weight, [], []);

            var words = new List<Evidence>();
            var observed = new List<Evidence>();
            foreach (var s in sentences)
            {
                if (SaysNothing().IsMatch(s.Text)) continue;
                var voiceField = s.Path is "concern.childsVoice" or "concern.disclosure";
                if (Speaker(s.Text) is { } said)
                {
                    if (!Has(words, ChildsWords)) words.Add(new Evidence(ChildsWords.Code, said, s.Path));
                }
                else if (voiceField && Quotation().Match(s.Text) is { Success: true } quote)
                    words.Add(new Evidence(ChildsWords.Code, quote.Value.Trim(), s.Path));
                if (voiceField || MentionsChild(s.Text)) First(observed, Observed, ObservedWords(), s);
            }
            var tooYoung = children.Count > 0 && children.All(TooYoungToSpeak);
            var prompts = new List<Prompt>();
            int points;
            List<Evidence> found;
            if (words.Count > 0) (points, found) = (ChildsWords.Points, words.Take(2).ToList());
            else if (observed.Count > 0) (points, found) = (tooYoung ? ChildsWords.Points : Observed.Points, observed.Take(2).ToList());
            else (points, found) = (0, []);
            if (words.Count == 0 && !tooYoung)
                prompts.Add(new("concern.childsVoice", "Give the child's own words: what they said, to whom and when."));
            if (words.Count == 0 && observed.Count == 0 && tooYoung)
                prompts.Add(new("concern.childsVoice", "Say how the child seemed: what you saw of them, how they responded."));
            return Judged("childs-voice", points, found, prompts);
        }

        public Finding LevelAndRisk()
        {
            var view = form.ReferrerView ?? new ReferrerView();
            var found = new List<Evidence>();
            var prompts = new List<Prompt>();
            if (LevelsOfNeed.IsKnown(view.LevelOfNeed)) found.Add(new(LevelGiven.Code, $"level {view.LevelOfNeed}", "referrerView.levelOfNeed"));
            else prompts.Add(new("referrerView.levelOfNeed", "Give your view of the level of need (1 to 4), even if uncertain."));
            var notified = form.DomesticAbuse?.RiskLevel;
            if (view.Risk is { } risk and not RiskLevel.NotKnown) found.Add(new(RiskGiven.Code, EnumWords.Of(risk), "referrerView.risk"));
            else if (notified is { } level) found.Add(new(RiskGiven.Code, EnumWords.Of(level), "domesticAbuse.riskLevel"));
            else prompts.Add(new("referrerView.risk", "Give your view of the risk: low, medium or high."));

            var reason = view.RiskReason;
            var reasoned = IsKnown(reason) && !VagueWorry().IsMatch(reason!)
                ? Reasoning().Match(reason!) is { Success: true } because ? because
                : IncidentWords().Match(reason!) is { Success: true } fact ? fact : HarmWords().Match(reason!)
                : null;
            if (reasoned is { Success: true }) found.Add(new(RiskReasoned.Code, reasoned.Value, "referrerView.riskReason"));
            else if (notified is { } assessed) found.Add(new(RiskReasoned.Code, $"risk assessment: {EnumWords.Of(assessed)}", "domesticAbuse.riskLevel"));
            else prompts.Add(new("referrerView.riskReason", "Say why you judge the risk as you do, from what happened (\"because ...\")."));
            return Judged("level-of-need-reasoned", Points(found), found, prompts);
        }

        public Finding Strengths()
        {
            var found = new List<Evidence>();
            foreach (var s in sentences)
                if (s.Path == "concern.whatIsGoingWell") First(found, Strength, StrengthWords(), s);
                else First(found, Strength, StrongStrengthWords(), s);
            return Judged("strengths", found.Count > 0 ? Strength.Points : 0, found.Take(2).ToList(),
                found.Count > 0 ? [] : [new("concern.whatIsGoingWell",
                    "Say what is going well: a specific strength or protective factor (who helps, what works, what the family does well).")]);
        }

        public Finding ActionsTaken()
        {
            var found = new List<Evidence>();
            foreach (var s in sentences)
            {
                if (NothingDone().IsMatch(s.Text)) continue;
                First(found, ActionTaken, ActionWords(), s);
                First(found, Monitoring, MonitoringWords(), s);
            }
            if (form.DomesticAbuse?.MaracReferralMade == Answer.Yes)
                found.Add(new(ActionTaken.Code, "MARAC referral made: yes", "domesticAbuse.maracReferralMade"));
            var best = Has(found, ActionTaken) ? found.Where(e => e.Rule == ActionTaken.Code).Take(2).ToList() : found.Take(1).ToList();
            var prompts = Has(found, ActionTaken) ? new List<Prompt>()
                : [new("concern.actionsAlreadyTaken", "Say what has already been done, by whom, and with what result: a conversation, advice, a referral, a plan.")];
            return Judged("actions-taken", best.Count == 0 ? 0 : RuleOf(best[0]).Points, best, prompts);
        }

        public Finding OtherProfessionals()
        {
            var found = new List<Evidence>();
            foreach (var s in sentences) First(found, Professional, ProfessionalWords(), s);
            if (found.Count == 0 && IsKnown(concern.OtherProfessionals) && NoneKnown().Match(concern.OtherProfessionals!) is { Success: true } none)
                found.Add(new(Professional.Code, none.Value, "concern.otherProfessionals"));
            return Judged("other-professionals", found.Count > 0 ? Professional.Points : 0, found.Take(2).ToList(),
                found.Count > 0 ? [] : [new("concern.otherProfessionals", "Name the other professionals who know the family, or say there are none.")]);
        }

        public Finding ChildIdentifiers()
        {
            var children = form.Children ?? [];
            var found = new List<Evidence>();
            var prompts = new List<Prompt>();
            var total = 0.0;
            for (var i = 0; i < children.Count; i++)
            {
                var child = children[i];
                if (child is null) continue;
                var path = $"children[{i}]";
                if (child.DateOfBirth is not null || child.ExpectedDueDate is not null)
                {
                    total += BornOrDue.Points;
                    found.Add(new(BornOrDue.Code, child.DateOfBirth is not null ? "date of birth" : "due date", path));
                }
                else
                {
                    if (child.EstimatedAgeYears is not null) total += BornOrDue.Points / 2.0;
                    prompts.Add(new($"{path}.dateOfBirth", "Give the child's date of birth if you can find it (an age is a start)."));
                }
                if (IsValidNhsNumber(child.NhsNumber) || (IsKnown(child.Address) && IsValidPostcode(child.Postcode)))
                {
                    total += Findable.Points;
                    found.Add(new(Findable.Code, IsValidNhsNumber(child.NhsNumber) ? "NHS number" : "address and postcode", path));
                }
                else prompts.Add(new($"{path}.nhsNumber", "Give the child's NHS number, or the address with its postcode."));
                if (IsKnown(child.LastName))
                {
                    total += Surname.Points;
                    found.Add(new(Surname.Code, "surname", path));
                }
                else prompts.Add(new($"{path}.lastName", "Give the child's surname if it is known."));
            }
            var points = children.Count == 0 ? 0 : (int)Math.Round(total / children.Count, MidpointRounding.AwayFromZero);
            return Judged("child-identifiers", points, found, prompts);
        }

        public Finding Consent()
        {
            var consent = form.Consent ?? new ConsentDetails();
            var answered = consent.ParentsConsented is Answer.Yes || (consent.ParentsConsented is Answer.No && IsKnown(consent.ConsentReason));
            var prompts = new List<Prompt>();
            if (Referral.IsEarlyHelpWithoutConsent(form))
                prompts.Add(new("consent.parentsConsented",
                    "Early help is offered with the family's agreement: it works only if they take part. Without their consent the " +
                    "First Contact Team will seek it or decide whether the concern needs a response without it, so say whether you " +
                    "have asked, and if the child may be at risk of significant harm, say why."));
            if (!answered)
                prompts.Add(new("consent.parentsConsented", consent.ParentsConsented is Answer.No
                    ? "Say why there is no consent (for example, could not be contacted)."
                    : "Say whether the parents or carers consent to this referral: yes, or no with the reason."));
            return Judged("consent-addressed", answered ? ConsentAnswered.Points : 0,
                answered ? [new(ConsentAnswered.Code, EnumWords.Of(consent.ParentsConsented!.Value), "consent.parentsConsented")] : [], prompts);
        }

        public Finding Awareness()
        {
            var consent = form.Consent ?? new ConsentDetails();
            var answered = consent.ParentsAware is Answer.Yes || (consent.ParentsAware is Answer.No && IsKnown(consent.ParentsAwareReason));
            return Judged("parental-awareness", answered ? AwarenessAnswered.Points : 0,
                answered ? [new(AwarenessAnswered.Code, EnumWords.Of(consent.ParentsAware!.Value), "consent.parentsAware")] : [],
                answered ? [] : [new("consent.parentsAware", consent.ParentsAware is Answer.No
                    ? "Say why the parents or carers are not aware (for example, telling them would place the child at greater risk)."
                    : "Say whether the parents or carers know of this referral: yes, or no with the reason.")]);
        }

        public Finding Contactable()
        {
            var found = new List<Evidence>();
            if (IsKnown(form.Referrer?.Phone)) found.Add(new(PhoneAndEmail.Code, "phone", "referrer.phone"));
            if (IsKnown(form.Referrer?.Email)) found.Add(new(PhoneAndEmail.Code, "e-mail", "referrer.email"));
            var prompts = new List<Prompt>();
            if (!IsKnown(form.Referrer?.Phone)) prompts.Add(new("referrer.phone", "Give a phone number the team can reach you on today."));
            if (!IsKnown(form.Referrer?.Email)) prompts.Add(new("referrer.email", "Give an e-mail address for the outcome and questions."));
            return Judged("contactable-referrer", found.Count, found, prompts);
        }

        /// <summary>The child, when a sentence says the child said something: a child's name, or a word for a child, before the verb.</summary>
        private string? Speaker(string sentence)
        {
            foreach (Match m in SpeakerWords().Matches(sentence))
            {
                var who = m.Groups["who"].Value.ToLowerInvariant();
                if (childNames.Contains(who) || ChildWords.Contains(who)) return m.Value;
            }
            return null;
        }

        private bool MentionsChild(string sentence) =>
            ChildNoun().IsMatch(sentence) || childNames.Any(name => sentence.Contains(name, StringComparison.OrdinalIgnoreCase));

        private bool TooYoungToSpeak(ChildDetails child) =>
            child.ExpectedDueDate is not null || child.EstimatedAgeYears is < 3 || (child.DateOfBirth is { } born && born > today.AddYears(-3));

        /// <summary>The rule's first evidence: the words its pattern finds in the sentence, unless it has some already.</summary>
        private static void First(List<Evidence> found, Rule rule, Regex pattern, Passage sentence)
        {
            if (!Has(found, rule) && pattern.Match(sentence.Text) is { Success: true } m) found.Add(new Evidence(rule.Code, m.Value.Trim(), sentence.Path));
        }

        private static bool Has(List<Evidence> found, Rule rule) => found.Any(e => e.Rule == rule.Code);

        private static int Points(IEnumerable<Evidence> found) => found.Select(e => e.Rule).Distinct().Sum(code => RuleByCode[code].Points);

        private static Rule RuleOf(Evidence evidence) => RuleByCode[evidence.Rule];

        private static Finding Judged(string code, int points, IReadOnlyList<Evidence> found, IReadOnlyList<Prompt> prompts)
        {
            var element = ByCode[code];
            points = Math.Clamp(points, 0, element.Weight);
            var message = found.Count(e => e.Rule != Vague.Code) > 0
                ? $"Found: {string.Join("; ", found.Where(e => e.Rule != Vague.Code).Select(e => $"\"{e.Words}\""))}."
                  + (prompts.Count > 0 ? $" {prompts[0].Message}" : "")
                : prompts.Count > 0 ? prompts[0].Message : null;
            return new Finding(code, element.Name, element.Weight, points * 2 >= element.Weight, message, points, found, prompts);
        }
    }

    private static readonly IReadOnlyDictionary<string, Rule> RuleByCode =
        Elements.SelectMany(e => e.Rules).ToDictionary(r => r.Code);

    private static readonly HashSet<string> ChildWords =
        ["he", "she", "they", "child", "boy", "girl", "pupil", "son", "daughter", "baby", "toddler", "person", "student", "teenager"];

    // The words each rule looks for. Case is ignored; \b keeps "hit" out of "white". Compiled at build time, so a
    // 5,000-character form is judged in well under a millisecond (bench/quality-check).
    private const RegexOptions Words = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    [GeneratedRegex(@"(?<=[.!?;])\s+|\n+")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"\b(no|not|nothing|never|none|without)\b(\s+[\w'-]+){0,2}\s+(disclos\w*|said|told|seen|observed|witnessed|" +
        @"injur\w*|marks?|bruis\w*|offences?|signs?|evidence|concerns?)\b|\b(no|without) (injur\w*|marks?|bruis\w*|offences?|disclosures?)\b", Words)]
    private static partial Regex Denied();

    [GeneratedRegex(@"\b(hit|hits|hitting|punch(ed|es|ing)?|kick(ed|s|ing)?|slap(ped|s|ping)?|smack(ed|s|ing)?|pull(ed|ing)|dragg(ed|ing)|pinch(ed|ing)|" +
        @"shov(ed|ing)|restrain(ed|ing)|groom(ed|ing)|asking (him|her|them) (for|to send)|asked (him|her|them) (for|to send)|messages? from|push(ed|es|ing)?|grabb?(ed|ing)?|strangl(ed|ing)|chok(ed|ing)|" +
        @"threw|thrown|throwing|assault(ed|s)?|attack(ed|s)?|beat(en|ing)?|bit (him|her|them|me)|hurt(s|ing)?|harm(ed)? (him|her|them|the baby|the child|herself|himself)|kill|scream(ed|ing)|shout(ed|ing)|threat(en|ened|ening)|locked|" +
        @"left (alone|unsupervised|home alone|on (his|her|their) own)|found (alone|wandering|asleep|unresponsive)|arriv(ed|es)|turned up|came (in|to school)|" +
        @"(saw|seen|observed|noticed|heard|witnessed|smelt|smelled)|called (999|the police|police)|999 call|(were|was) called to|dispute|argument|altercation|fight|officers attended|attended (on|with|today|yesterday)|(on|during) a (home )?visit|weighed|arrested|released|convict(ed|ions?)|offences? against|moved in|moving in|was found|were found|" +
        @"disclos(ed|ure)|told (me|her|him|us|staff|the)|overdose|took (an overdose|tablets)|went missing|ran away|reported missing|absconded|" +
        @"fell|dropped|shook|shaken|drunk|intoxicated|under the influence|injected|sent (\w+ ){0,2}(images|pictures|photos|messages)|touch(ed|es|ing)|sexual(ly)?)\b", Words)]
    private static partial Regex IncidentWords();

    [GeneratedRegex(@"\b(bruis(e|es|ed|ing)|cuts?|lacerations?|burns?|burnt|scalds?|marks?|welts?|swelling|swollen|fractur(e|es|ed)|broken (arm|leg|wrist|bone|rib|nose)|" +
        @"black eye|scratch(es|ed)?|bite marks?|bleeding|blood|wounds?|injur(y|ies|ed)|self-harm(ing)?|hungry|starving|no food|unwashed|unkempt|" +
        @"soiled|head lice|nappy rash|underweight|weight loss|lost weight|down from|no (formula|milk|heating|electricity|gas)|dirty clothes|same clothes|smell(s|ed|ing)? of (urine|alcohol|cannabis))\b", Words)]
    private static partial Regex HarmWords();

    [GeneratedRegex(@"\b(\d{1,2}(st|nd|rd|th)? (of )?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*|(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \d{1,2}|" +
        @"\d{1,2}[/.-]\d{1,2}([/.-]\d{2,4})?|\d{4}-\d{2}-\d{2}|(on |last |this |since )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?|" +
        @"today|yesterday|tonight|last night|this (morning|afternoon|evening|week)|last (week|weekend)|at the weekend|" +
        @"\d{1,2}[:.]\d{2}|\d{1,2} ?(am|pm)|(at|around|about) (midnight|noon|lunchtime|home time|pick-up|drop-off)|" +
        @"(\d+|two|three|four|five|six|few) (days?|hours?|nights?) ago)\b", Words)]
    private static partial Regex WhenWords();

    [GeneratedRegex(@"\b((at|in|outside|near|to|attended|visited) (the )?(home|school|nursery|house|flat|address|property|park|playground|classroom|street|road|" +
        @"shop|car|bus|station|surgery|hospital|a&e|clinic|kitchen|bedroom|bathroom|garden|stairs|gate|hostel|family home|grandparents?'s?|friend's)|" +
        @"at home|at school|in (the )?(street|park|car)|in a&e|on the (street|bus|way (home|to school)))\b", Words)]
    private static partial Regex WhereWords();

    [GeneratedRegex(@"\b(mum|mother|mom|dad|father|step-?(father|mother|dad|mum)|partner|boyfriend|girlfriend|uncle|aunt(ie)?|grand(mother|father|ma|pa|mum|dad|parent)s?|" +
        @"nan|brother|sister|siblings?|cousin|neighbou?r|lodger|ex-partner|carer|foster carer|present|in the room|witnessed|" +
        @"(children|child|baby|she|he|they) (was|were) (there|present|in the (room|house|flat)))\b", Words)]
    private static partial Regex WhoWords();

    [GeneratedRegex(@"\b(said|says|saying|told|tells|disclosed|stated|explained|described|asked|wrote|whispered|cried out|admitted|alleged|reported)\b", Words)]
    private static partial Regex SpeechWords();

    [GeneratedRegex(@"\b(?<who>[\p{L}'-]+)\s+(has\s+|had\s+|then\s+|later\s+)?(said|says|told|tells|disclosed|stated|explained|described|asked|wrote|whispered|cried out|admitted)\b", Words)]
    private static partial Regex SpeakerWords();

    [GeneratedRegex(@"[“""‘]\s*[^”""’]{4,}[”""’]|(?<=^|[\s:(])'.{4,}?'(?=[\s.,;:!?)]|$)")]
    private static partial Regex Quotation();

    [GeneratedRegex(@"\b(does not|doesn't|did not|didn't|has not|hasn't|have not|haven't|will not|won't|would not|wouldn't|never|refuses to|refused to|not)\s+" +
        @"(really\s+|yet\s+|ever\s+|much\s+)?(talk|talked|say|said|speak|spoken|spoke|share|shared|open up|opened up|disclose|disclosed|comment|mention|mentioned|tell|told)\b|" +
        @"\b(said|says|say) (nothing|very little)\b|\bnothing (said|to say)\b", Words)]
    private static partial Regex SaysNothing();

    [GeneratedRegex(@"\b(appear(ed|s)|seem(ed|s)|present(ed|s) as|looked|look(s)? (scared|frightened|tired|unwell|thin|happy)|observed|flinch(ed|es)?|cr(ied|ying)|tearful|" +
        @"withdrawn|frightened|scared|afraid|anxious|upset|distressed|smil(ed|ing)|laugh(ed|ing)|clingy|hid|hiding|cower(ed|ing)|babbl(ed|ing|es)|" +
        @"(un)?responsive|wary|jumpy|nervous|settled|unsettled|quiet and|shaking|trembling|reluctant to go home|did not want to go home|would not explain)\b", Words)]
    private static partial Regex ObservedWords();

    [GeneratedRegex(@"\b(child|children|baby|boy|girl|son|daughter|pupil|toddler|infant|young person|teenager|student)\b", Words)]
    private static partial Regex ChildNoun();

    [GeneratedRegex(@"\b(concerns? for (some|a long|quite a|a while)( time)?|ongoing (concerns?|worries|issues)|long[- ]standing (concerns?|issues)|" +
        @"lots of (issues|problems|concerns|worries)|(various|general|several|a number of|low[- ]level|historic(al)?|many) (concerns?|issues|worries)|" +
        @"issues at home|problems at home|(mum|mother|dad|father|parents?|family|carers?) (is|are|seems?|seem|appears?) (to be )?struggling|" +
        @"struggling to cope|something (is|isn't|is not) right|not sure what is going on|gut feeling|just a feeling|chaotic|" +
        @"worried about (him|her|them|the family)( in general)?|things are (difficult|hard)|not coping|cause for concern|" +
        @"concerns? (have been |were )?raised (before|previously)|(we|i|staff) (are|am|have been) (worried|concerned)|" +
        @"concerns? (around|about) the family|for a (while|long time)|things are not (good|right))\b", Words)]
    private static partial Regex VagueWorry();

    [GeneratedRegex(@"\b(I|we|staff|teachers?|the teacher|class teacher|colleague|officers?|the (GP|nurse|midwife|health visitor))\s+" +
        @"(saw|seen|observed|noticed|heard|witnessed|examined|found|smelt|smelled|spoke|visited)\b|\b(told|disclosed to|said to) (me|us|her teacher|his teacher|" +
        @"staff|the officer|officers|the GP|the nurse|the midwife|the health visitor|a member of staff)\b|\b(seen|observed|examined|witnessed) by\b|" +
        @"\b(officers|police) attended|\battended (the|an|a) (address|incident|call|property|home)|^\s*(seen|examined|observed)\b|" +
        @"\bseen (today|yesterday|in (surgery|clinic|school|class|a&e|hospital))|\bon examination\b|\b(our|school|GP|police|health|medical) records?\b|" +
        @"\brecords? (show|shows|state|states)\b|\b999 call\b|\bbody[- ]worn\b|\bCCTV\b|\bpresented (at|to|in)\b|\bat (the|a|her|his) (appointment|visit|check)\b|" +
        @"\bhome visit\b|\bfirst[- ]hand\b|\bI (was told|was there)\b", Words)]
    private static partial Regex FirstHandWords();

    [GeneratedRegex(@"\b(neighbou?r|friend|relative|aunt(ie)?|uncle|grand(mother|father|ma|pa|mum|dad|parent)|another parent|a parent|mum|mother|dad|father|" +
        @"sister|brother|cousin|member of the public|caller|landlord|colleague|coach|youth worker)s?\s+(has\s+)?(said|says|told|tells|reported|reports|called|rang|informed|" +
        @"mentioned|disclosed|passed on)\b|\b(reported|passed on|told to (me|us)|information came) (by|from)\b|\baccording to\b|\bheard from\b|\binformed by\b", Words)]
    private static partial Regex SecondHandWords();

    [GeneratedRegex(@"\b(apparently|allegedly|rumou?red|rumou?rs?|word is|people say|it is said|it's said|i have heard|i've heard|gossip)\b", Words)]
    private static partial Regex HearsayWords();

    [GeneratedRegex(@"\b(because|as (he|she|they|mum|dad|the)|due to|given (that|the)|since|following|after (the|he|she|they)|so (the|that)|which means|" +
        @"led to|resulting in|previous(ly)?|history of|has (hit|hurt|assaulted|threatened)|again)\b", Words)]
    private static partial Regex Reasoning();

    [GeneratedRegex(@"\b(attend(s|ed|ance)|engag(es|ed|ing|ement)|support(ive|s|ed)?|accept(s|ed)|agreed|protective|safe adult|grand(mother|father|ma|pa|mum|dad|parents?)|" +
        @"nan|aunt(ie)?|uncle|family member|relatives?|called (the )?police|sought help|asked for help|left (the relationship|him|her)|moved out|bail conditions|" +
        @"non-molestation|registered with|up to date|immunisations?|warm|affectionate|good relationship|close (to|bond)|bond(ed)?|routines?|well presented|clean|" +
        @"fed|breakfast club|nursery|clubs?|friends|enjoys|likes|happy at|doing well|achiev(es|ing)|insight|motivated|wants (help|support)|cooperat(es|ive|ed))\b", Words)]
    private static partial Regex StrengthWords();

    [GeneratedRegex(@"\b(protective factors?|safe adult|called (the )?police|sought help|asked for help|left (the relationship|him)|bail conditions|non-molestation|" +
        @"(grandmother|grandfather|grandparents?|aunt|uncle|nan) (is|are|has|have|lives|helps|looks after|cares for)|engages well|accepted (help|support|the offer))\b", Words)]
    private static partial Regex StrongStrengthWords();

    [GeneratedRegex(@"\b(refer(red|ral (to|made|sent))|spoke (to|with)|spoken (to|with)|talked (to|with)|met (with)?|called|phoned|rang|contacted|informed|advised|offered|arranged|" +
        @"home visit|visited|early help assessment|EHA|team around the family|TAF|safety plan|MARAC|arrested|removed|bail|DASH|risk assessment|" +
        @"breakfast club|CAMHS|signposted|notified|reported (to|it)|checked (on|in)|examined|treated|prescribed|admitted|emergency (appointment|placement)|" +
        @"police (were )?called|child protection (procedures|policy)|logged|requested|recorded|recorded (on|in) (CPOMS|MyConcern|the system))\b", Words)]
    private static partial Regex ActionWords();

    [GeneratedRegex(@"\b(monitor(ing|ed)?|keep(ing)? an eye|watching|keeping (a )?watch)\b", Words)]
    private static partial Regex MonitoringWords();

    [GeneratedRegex(@"^\s*(none|nothing|no action|not yet|no)\b|\bnothing (has been|was|yet) (done|offered)\b|\bno (action|support) (has been |was )?(taken|offered)\b", Words)]
    private static partial Regex NothingDone();

    [GeneratedRegex(@"\b(GP|doctor|health visitor|school nurse|midwife|midwifery|CAMHS|paediatrician|consultant|social worker|social care|police|officers?|PCSO|" +
        @"early help|family support( worker)?|YOT|youth offending|youth justice|probation|housing (officer|association)|teacher|DSL|SENCO|head ?teacher|" +
        @"nursery|school|college|hospital|A&E|MARAC|IDVA|women's aid|drug and alcohol|substance misuse|counsell?or|therapist|mental health (team|service|worker)|" +
        @"youth worker|children's centre|family hub|speech and language|educational psychologist|EWO|attendance officer)\b", Words)]
    private static partial Regex ProfessionalWords();

    [GeneratedRegex(@"^\s*(none|no (other )?(professionals?|agencies|one)( involved| known)?|not aware of any)\b", Words)]
    private static partial Regex NoneKnown();
}
