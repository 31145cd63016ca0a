using Referrals.Api.Features.Attachments;
using Referrals.Api.Features.Drafts;
using Referrals.Api.Features.Feedback;
using Referrals.Api.Features.Metrics;
using Referrals.Api.Features.Referrals;
using Referrals.Api.Features.Triage;
using Referrals.Api.Domain;

namespace Referrals.Api.OpenApi;

/// <summary>Worked examples for the contract. Invented people and places only.</summary>
public static class Examples
{
    private static readonly Guid ReferralId = Guid.Parse("0193a0c4-5b7e-7c1a-9f3e-2b8d4c6a1e01");
    private static readonly DateTimeOffset Received = new(2026, 11, 24, 10, 15, 0, TimeSpan.Zero);
    private static readonly AgencySummary School = new("SCH-DERBY-MOOR", "Derby Moor Academy", "2A");

    private static readonly Guid DraftId = Guid.Parse("0193a0c4-5b7e-7c1a-9f3e-2b8d4c6a1e31");

    public static readonly AttachmentSummary AttachmentAdded = new(Guid.Parse("0193a0c4-5b7e-7c1a-9f3e-2b8d4c6a1e41"),
        "Early help assessment.pdf", "application/pdf", 183_402, "9f2c0a51e5b4b1d7c7d2f0d3e8a6b4c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6", Received.AddMinutes(-20));

    public static readonly ReferralForm Form = new()
    {
        Channel = Channel.ElectronicForm,
        Referrer = new() { Role = "Designated safeguarding lead", Phone = "01332 000 000", Email = "dsl@school.example.org", SafeguardingLeadConsulted = Answer.Yes },
        Children =
        [
            new() { FirstName = "Amy", LastName = "Example", DateOfBirth = new DateOnly(2015, 3, 14), Gender = Gender.Female, Ethnicity = "White British",
                    FirstLanguage = "English", InterpreterNeeded = Answer.No, Disability = Answer.No, Address = "1 Sample Street, Derby", Postcode = "DE1 2FS",
                    SchoolOrSetting = "Derby Moor Academy", NhsNumber = "9434765919", UniquePupilNumber = "A123456789012",
                    CurrentLocation = "At school", SafeNow = Answer.Yes },
            new() { FirstName = "Ben", LastName = "Example", DateOfBirth = new DateOnly(2018, 9, 2), Gender = Gender.Male, Ethnicity = "White British",
                    FirstLanguage = "English", InterpreterNeeded = Answer.No, Disability = Answer.NotKnown, Address = "1 Sample Street, Derby", Postcode = "DE1 2FS",
                    SchoolOrSetting = "Sample Primary School", NhsNumber = ChildIdentifiers.NotKnown, CurrentLocation = "At school", SafeNow = Answer.Yes },
        ],
        Household =
        [
            new() { Name = "Carol Example", Relationships = [new() { ChildIndex = 0, Relationship = "mother" }, new() { ChildIndex = 1, Relationship = "mother" }],
                    ParentalResponsibility = Answer.Yes, LivesWithChild = Answer.Yes, AllegedToPoseRisk = Answer.No },
        ],
        Consent = new() { ParentsAware = Answer.Yes, ParentsConsented = Answer.Yes },
        Concern = new()
        {
            Categories = ["neglect", "domestic-abuse-parent"],
            WhatHappened = "Amy arrived hungry on four mornings this week and said there was no food at home; Ben has worn the same clothes all week and has a bruise on his arm he would not explain.",
            WhenAndWhere = "Monday 23 to Thursday 26 November 2026, at school on arrival.",
            HowKnown = "Seen by class teachers; Amy told her teacher directly.",
            Disclosure = "Amy told Ms Teacher at 08:45 on 25 November: 'Mum and her boyfriend shout a lot and there's nothing for breakfast.'",
            ImpactOnChild = "Amy is tired and withdrawn in lessons; Ben is unsettled.",
            ChildsVoice = "Amy says she likes school because it is warm and she gets breakfast club; she seemed anxious about going home.",
            WhatIsGoingWell = "Mother attends parents' evenings and is warm with the children at pick-up.",
            ActionsAlreadyTaken = "Breakfast club place offered and taken up; early help assessment offered in October, declined.",
            OtherProfessionals = "School nurse (Sample Health Trust); GP unknown.",
            HopedOutcome = "An assessment of the children's needs and support for mother.",
        },
        ReferrerView = new() { LevelOfNeed = 3, Risk = RiskLevel.Medium, RiskReason = "Pattern of neglect with a possible injury and reported shouting at home." },
    };

    public static readonly QualityRubric.Assessment Quality = QualityRubric.Assess(Form, new DateOnly(2026, 11, 24));

    private static readonly IReadOnlyList<ContactSummary> Contacts =
    [
        new(Guid.Parse("0193a0c4-5b7e-7c1a-9f3e-2b8d4c6a1e02"), 0, "Amy", "Example", new DateOnly(2015, 3, 14), null, null, Answer.Yes),
        new(Guid.Parse("0193a0c4-5b7e-7c1a-9f3e-2b8d4c6a1e03"), 1, "Ben", "Example", new DateOnly(2018, 9, 2), null, null, Answer.Yes),
    ];

    public static readonly SubmitReferral.Acknowledgement Acknowledgement = new(
        ReferralId, "REF-2026-000123", ReferralStatus.Submitted, Received, Received.AddDays(1), Channel.ElectronicForm, School, Contacts, Quality);

    public static readonly GetReferral.ReferralDetail Detail = new(
        ReferralId, "REF-2026-000123", ReferralStatus.Submitted, School, Channel.ElectronicForm, Received, Received.AddDays(1),
        "Jo Bloggs", "Jo Bloggs", "referrer", 3, RiskLevel.Medium, false, false, false, Contacts, Quality, null, [], null, 1,
        [AttachmentAdded]);

    public static readonly GetReferral.ReferralDetail Withdrawn = Detail with
    {
        Status = ReferralStatus.Withdrawn,
        Withdrawal = new Withdrawal(Received.AddHours(1), "Sent in error: the family is already known to the allocated social worker."),
        Version = 2,
    };

    public static readonly ListReferrals.Page Page = new(
        [new(ReferralId, "REF-2026-000123", ReferralStatus.Submitted, School, Channel.ElectronicForm, Received, Received.AddDays(1), false, Quality.Score, ["Amy Example", "Ben Example"])],
        "UkVGLTIwMjYtMDAwMTIz");

    /// <summary>An upload's form, as the contract shows it: the file part holds the document's bytes.</summary>
    public static readonly Dictionary<string, string> Upload = new() { ["file"] = "(the document's bytes: Early help assessment.pdf)" };

    public static readonly GetSubmission.SubmissionCopy Submission = new(
        ReferralId, "REF-2026-000123", Received, School, Channel.ElectronicForm, "Jo Bloggs", "Jo Bloggs", Form, [AttachmentAdded]);

    public static readonly DraftForm DraftAnswers = new()
    {
        Referrer = Form.Referrer,
        Children = [Form.Children![0] with { NhsNumber = null, UniquePupilNumber = null }],
        Concern = new() { Categories = ["neglect"], WhatHappened = "Amy arrived hungry on four mornings this week." },
    };

    public static readonly DraftDetail Draft = new(DraftId, Received.AddHours(-18), Received.AddMinutes(-20), Received.AddDays(28).AddMinutes(-20),
        false, 3, DraftAnswers, [AttachmentAdded], QualityRubric.Assess(DraftAnswers.ToForm(), new DateOnly(2026, 11, 24)), []);

    public static readonly ListDrafts.DraftList Drafts = new(
        [new(DraftId, Draft.StartedAt, Draft.SavedAt, Draft.ExpiresAt, false, "Amy Example", 1)]);

    public static readonly WithdrawReferral.Body Withdrawal_ = new("Sent in error: the family is already known to the allocated social worker.");

    private static readonly DateTimeOffset Triaged_ = Received.AddHours(1);

    // A manager assigning; an empty body takes the referral for oneself.
    public static readonly AssignReferral.Body Assignment = new("prac-kim", "Kim Practitioner");
    public static readonly RequestInformation.Body Questions = new("Who lives at home with Amy and Ben? Has mother been told about this referral?");
    public static readonly AnswerInformationRequest.Body InformationAnswer = new("Mother, her partner (Dan Sample) and the two children. Mother was told on 26 November and agreed.");
    public static readonly RateReferral.Body Rag = new(RagRating.Amber, "Possible injury to Ben; police hold a domestic incident log for the address.");
    public static readonly RecordCheck.Body Check = new("Derbyshire Constabulary", "One domestic incident at the address in September 2026; no charges.", Triaged_);

    public static readonly DecisionBody Decision = new(
        DecisionOutcome.SocialCareAssessment, 3, "Pattern of neglect over a week, an unexplained bruise and police history of domestic abuse at the address: the threshold for a child in need assessment is met.",
        "We will carry out a children's social care assessment. A social worker will contact the school this week.", null,
        QualityRating.Good, [], "N1", "Derby City Assessment Team 2");

    public static readonly SignOffDecision.Body SignOff = new(SignOffResult.Agreed, "Agreed: assessment is proportionate.", null);
    public static readonly LinkDuplicate.Body Link = new(Guid.Parse("0193a0c4-5b7e-7c1a-9f3e-2b8d4c6a1e09"), "Same incident reported by the school nurse the same morning.");
    public static readonly CloseReferral.Body Close = new("Outcome shared with the school.");
    public static readonly AllocateChild.Body Allocation = new("Derby City Assessment Team 2", "Sam Social-Worker");

    public static readonly GetReferral.ReferralDetail Triaged = Detail with
    {
        Status = ReferralStatus.AwaitingSignOff,
        Version = 6,
        Triage = new TriageView(
            new Assignee("prac-sam", "Sam Social Worker", Triaged_), false,
            new RagView(Rag.Rating!.Value, Rag.Reason!, "Sam Social Worker", Triaged_, Triaged_.AddHours(6)), false,
            [new RagView(Rag.Rating!.Value, Rag.Reason!, "Sam Social Worker", Triaged_, Triaged_.AddHours(6))],
            [new CheckView(Guid.Parse("0193a0c4-5b7e-7c1a-9f3e-2b8d4c6a1e0a"), Check.Agency!, Check.Shared!, Triaged_, "Sam Social Worker", Triaged_)],
            [
                new ChildTriage(Contacts[0].Id, "Amy Example",
                    new DecisionView(Guid.Parse("0193a0c4-5b7e-7c1a-9f3e-2b8d4c6a1e0b"), DecisionOutcome.SocialCareAssessment, 3, Decision.Rationale!, Decision.FeedbackToReferrer!,
                        null, QualityRating.Good, [], "N1", Decision.Team, "Sam Social Worker", "practitioner", Triaged_.AddHours(2), DecisionState.AwaitingSignOff, null, null),
                    [],
                    new KnownChild(true, [new EarlierReferral(Guid.Parse("0193a0c4-5b7e-7c1a-9f3e-2b8d4c6a1e0c"), "REF-2026-000042", Received.AddMonths(-5),
                        new AgencySummary("POL-DERBYSHIRE", "Derbyshire Constabulary", "6"), ReferralStatus.Closed, DecisionOutcome.EarlyHelp, Received.AddMonths(-5).AddHours(20), KnownChildren.ByNhsNumber)]), null),
            ],
            null,
            [
                new TransitionView(null, ReferralStatus.Submitted, "Jo Bloggs", "referrer", Received, "Received by electronic form."),
                new TransitionView(ReferralStatus.Submitted, ReferralStatus.InTriage, "Sam Social Worker", "practitioner", Triaged_, "Assigned to Sam Social Worker."),
            ]),
    };

    public static readonly TriageQueue.Page Queue = new(
        [new(ReferralId, "REF-2026-000123", ReferralStatus.MultiAgencyChecks, School, Channel.ElectronicForm, Received, Received.AddDays(1), false, false,
            RagRating.Amber, Triaged_.AddHours(6), false, "Sam Social Worker", Quality.Score, ["Amy Example", "Ben Example"], false, false)],
        "MTF8NjM5MDA4MTI5MDAwMDAwMDAwfFJFRi0yMDI2LTAwMDEyMw");

    private static readonly DateTimeOffset Ready = Triaged_.AddHours(5);
    private static readonly Guid SubscriptionId = Guid.Parse("0193a0c4-5b7e-7c1a-9f3e-2b8d4c6a1e0d");
    private static readonly Guid OutcomeEventId = Guid.Parse("0193a0c4-5b7e-7c1a-9f3e-2b8d4c6a1e0e");

    public static readonly ReadOutcome.Outcome Outcome = new(ReferralId, "REF-2026-000123", Received, Ready,
    [
        new(Contacts[0].Id, "Amy", "Example", DecisionOutcome.SocialCareAssessment, DecisionOutcome.SocialCareAssessment.Describe(),
            Decision.FeedbackToReferrer!, null, Triaged_.AddHours(2)),
        new(Contacts[1].Id, "Ben", "Example", DecisionOutcome.EarlyHelp, DecisionOutcome.EarlyHelp.Describe(),
            "We have offered the family early help; a family practitioner will be in touch with school.", null, Triaged_.AddHours(3)),
    ]);

    public static readonly ReadFeed.FeedPage Feed = new(
    [
        new(Guid.Parse("0193a0c4-5b7e-7c1a-9f3e-2b8d4c6a1e0f"), FeedbackEventType.Acknowledged, 41, School.Code, ReferralId, "REF-2026-000123", Received, $"/v1/referrals/{ReferralId}"),
        new(OutcomeEventId, FeedbackEventType.OutcomeReady, 42, School.Code, ReferralId, "REF-2026-000123", Ready, $"/v1/referrals/{ReferralId}"),
    ], ReadFeed.Cursor(42), false);

    public static readonly CreateSubscription.Body Subscribe = new(School.Code, "https://safeguarding.school.example.org/referrals/events");

    public static readonly CreateSubscription.CreatedSubscription Subscribed = new(SubscriptionId, School.Code, Subscribe.Url!,
        "whsec_3q2-7wAbCdEfGhIjKlMnOpQrStUvWxYz0123456789A", Triaged_);

    public static readonly IReadOnlyList<ListSubscriptions.Subscription> Subscriptions =
        [new(SubscriptionId, School.Code, Subscribe.Url!, Triaged_, "Mo Manager", null, 41, 1, 0, Received, "The receiver answered 503.")];

    public static readonly FeedbackStatus.Status FeedbackStatus = new(ReferralId, "REF-2026-000123", ReferralStatus.OutcomeReady, Ready,
        new FeedbackStatus.OutcomeRead(Ready.AddMinutes(40), "Jo Bloggs"),
        [
            new(Contacts[0].Id, "Amy", "Example", DecisionOutcome.SocialCareAssessment, Ready, Ready, Ready.AddMinutes(40)),
            new(Contacts[1].Id, "Ben", "Example", DecisionOutcome.EarlyHelp, Triaged_.AddHours(3), Ready, Ready.AddMinutes(40)),
        ],
        [
            new(OutcomeEventId, FeedbackEventType.OutcomeReady, 42, Ready,
            [
                new(FeedbackChannel.Webhook, SubscriptionId, null, DeliveryStatus.Delivered, 2, Ready.AddSeconds(12), null, Ready.AddSeconds(12), null, null),
                new(FeedbackChannel.Email, null, "dsl@school.example.org", DeliveryStatus.Delivered, 1, Ready.AddSeconds(1), null, Ready.AddSeconds(1), null, null),
            ]),
        ]);

    /// <summary>Twelve invented contacts in the fortnight from 9 November 2026, worked out by the real calculator.</summary>
    private static readonly IReadOnlyList<ContactFact> SampleContacts = Enumerable.Range(0, 12).Select(i => new ContactFact
    {
        ContactId = Guid.NewGuid(), ReferralId = Guid.Parse($"0193a0c4-5b7e-7c1a-9f3e-2b8d4c6a1f{i / 2:D2}"), FirstOnReferral = i % 2 == 0, ChildKey = $"child-{i}",
        ReceivedAt = new DateTimeOffset(2026, 11, 9 + i, 10, 0, 0, TimeSpan.Zero), AgencyCode = School.Code, AgencyType = AgencyType.School,
        SourceCode = "2A", Locality = "Derby City", Channel = i % 4 == 0 ? Channel.Phone : Channel.ElectronicForm, ConcernCategories = "neglect",
        QualityScore = 60 + i * 3, ConsentAddressed = i % 3 != 0, ChildsVoice = i % 2 == 0, ActionsTaken = true, ReferrerLevel = 3,
        ReReferral = i % 5 == 0, ReferralsInTwelveMonths = 1, Status = ReferralStatus.OutcomeReady,
        DecisionDueAt = new DateTimeOffset(2026, 11, 10 + i, 10, 0, 0, TimeSpan.Zero),
        DecidedAt = new DateTimeOffset(2026, 11, 9 + i, 11 + i % 3 * 4, 0, 0, TimeSpan.Zero), HoursToDecision = 1 + i % 3 * 4,
        Outcome = i % 3 == 0 ? DecisionOutcome.SocialCareAssessment : DecisionOutcome.EarlyHelp, PractitionerLevel = 2 + i % 2,
        QualityRating = i % 4 == 0 ? QualityRating.Poor : QualityRating.Good, QualityReasons = i % 4 == 0 ? "ChildsVoiceAbsent" : "",
        OutcomeReadyAt = new DateTimeOffset(2026, 11, 10 + i, 12, 0, 0, TimeSpan.Zero), OutcomeDueAt = new DateTimeOffset(2026, 11, 10 + i, 16, 0, 0, TimeSpan.Zero),
    }).ToList();

    public static ReadFigures.FiguresTable Figures(FigureFamily family) => new(family, new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 22),
        Interval.Fortnight, Breakdown.None, true, 5, Definitions.Describe(family), family == FigureFamily.Timeliness ? new Figure(null, Suppressed: true) : null,
        [new(new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 22), DisclosureControl.Apply(FigureCalculator.Calculate(family, SampleContacts), [], 5, true).Total, [])]);

    public static readonly FortnightlyReport.Report Report = new(
        new(new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 22)), new(new DateOnly(2026, 10, 26), new DateOnly(2026, 11, 8)),
        new(new DateOnly(2025, 11, 10), new DateOnly(2025, 11, 23)), true, 5, Definitions.Describe(FigureFamily.Volume),
        [
            new("volume", Breakdown.None, "all", "All", "contacts", new Figure(412), new Figure(398), new Figure(371)),
            new("volume", Breakdown.Agency, School.Code, School.Name, "contacts", new Figure(14), new Figure(9), new Figure(null, Suppressed: true)),
            new("quality", Breakdown.Agency, School.Code, School.Name, "ratedPoorPercent", new Figure(21.4), new Figure(33.3), new Figure(null, Suppressed: true)),
            new("quality", Breakdown.Agency, School.Code, School.Name, "reason:childs-voice-absent", new Figure(null, Suppressed: true), new Figure(0), new Figure(0)),
            new("timeliness", Breakdown.None, "all", "All", "decidedWithinOneWorkingDayPercent", new Figure(93.2), new Figure(91.7), new Figure(84.0)),
        ]);

    public static readonly string ReportCsv = System.Text.Encoding.UTF8.GetString(FortnightlyReport.ToCsv(Report)).TrimStart('\uFEFF');

    public static readonly string ContactsList = "Child Unique ID,Sex,Ethnicity,Date of Birth,Age of Child (Years),Date of Contact,Contact Source\r\n" +
        "C7K2M9QX4T1VBH8RD,b) Female,a) WBRI,14/03/2015,11,24/11/2026,e) 2A: Schools\r\n";

    public static readonly string ReferralsList = "Child Unique ID,Sex,Ethnicity,Date of Birth,Age of Child (Years),Date of referral,Referral Source," +
        "Referral NFA?,Number of Referrals in Last 12 Months,Allocated Team,Allocated Worker\r\n" +
        "C7K2M9QX4T1VBH8RD,b) Female,a) WBRI,14/03/2015,11,25/11/2026,e) 2A: Schools,No,2,Derby City Assessment Team 2,Sam Social-Worker\r\n";
}
