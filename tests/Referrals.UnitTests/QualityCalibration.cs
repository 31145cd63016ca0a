using Referrals.Api.Domain;

namespace Referrals.UnitTests;

/// <summary>
/// Invented referrals as partners write them (people, places and numbers made up), and the order an experienced
/// First Contact Team practitioner would put them in, pair by pair with the reason. QualityCalibrationTests holds the
/// rubric to every pair. New kinds of referral belong here when the rubric is revised.
/// </summary>
public static class QualityCalibration
{
    public static readonly DateOnly Today = new(2026, 11, 30);

    public sealed record Pair(string Above, string Below, string Because);

    public static readonly IReadOnlyList<Pair> Pairs =
    [
        new("police-da-999", "police-da-argument", "an assault the child saw, an arrest and a MARAC referral, against an argument with no child known to be there"),
        new("police-da-999", "police-da-fields-only", "what happened and how the child was, against a notification's fields alone"),
        new("police-da-999", "school-vague-padded", "an assault seen by the child against a vague sentence in every box"),
        new("police-da-fields-only", "anonymous-rumour", "a police record with its risk assessment against unsourced rumour"),
        new("gp-teen-cuts", "school-vague-long", "a dated injury and the child's words against 900 words of general worry"),
        new("gp-teen-cuts", "school-vague-padded", "cuts seen by the GP and what the girl said against vague sentences in every box"),
        new("gp-teen-cuts", "gp-one-line-disclosure", "a full account with the child's words and a safety plan against a one-line disclosure"),
        new("gp-one-line-disclosure", "school-vague-long", "a specific disclosure, however short, against general worry, however long"),
        new("gp-one-line-disclosure", "school-vague-padded", "who hits whom and when, against boxes filled with nothing specific"),
        new("school-excellent", "school-vague-padded", "a dated incident, an injury, the child's words and a safety plan against vague sentences in every box"),
        new("school-excellent", "school-vague-long", "facts against length"),
        new("school-excellent", "school-bruise-one-line", "the same kind of concern told fully against one line"),
        new("school-bruise-one-line", "school-behaviour-worry", "an injury and who did it against worsening behaviour"),
        new("school-sexual-disclosure", "school-vague-long", "a dated disclosure in the child's words against general worry"),
        new("school-sexual-disclosure", "school-bruise-one-line", "a disclosure in the child's words with what was done against a one-line report"),
        new("school-neglect-good", "school-vague-padded-again", "hunger seen on named days and what the boy said against a padded form"),
        new("school-neglect-good", "school-behaviour-worry", "specific signs of neglect against a general worry about behaviour"),
        new("housing-visit-not-known", "school-vague-long", "what the officer saw on a dated visit, with answers not known, against general worry"),
        new("housing-visit-not-known", "housing-overcrowding", "a cot soaked in urine and unchanged nappies seen on a visit against crowding and unhappy children"),
        new("youth-worker-neighbour", "anonymous-rumour", "a named source and a specific act against unsourced rumour"),
        new("relative-phone", "anonymous-rumour", "what the child told his grandmother, and a mark on his wrist, against rumour"),
        new("relative-phone", "school-vague-padded", "the child's words and a mark against a padded form"),
        new("foodbank-thin-girls", "school-behaviour-worry", "thin children who said when they last ate against a general worry"),
        new("foodbank-thin-girls", "anonymous-rumour", "what a volunteer saw and heard against rumour"),
        new("nursery-toddler-burn", "school-behaviour-worry", "a burn and how a toddler flinched against a general worry"),
        new("ae-baby-fracture", "gp-vague-letter", "a fracture in a baby that the explanation does not fit against a note of family history"),
        new("ae-baby-fracture", "school-bruise-one-line", "a hospital's account of an injury and the explanation against one line"),
        new("health-visitor-unborn", "gp-vague-letter", "abuse in pregnancy with a bruise seen against a note of family history"),
        new("health-visitor-unborn", "housing-overcrowding", "a disclosed assault and a bruise seen against crowding"),
        new("health-visitor-weight-loss", "housing-overcrowding", "a baby's weight loss measured on a dated visit against crowding"),
        new("gp-parent-voices", "gp-vague-letter", "a dated account of a mother's psychosis with her baby against a note of family history"),
        new("probation-licence-address", "school-behaviour-worry", "a man with convictions against children moving in, from a record, against a general worry"),
        new("police-missing-exploitation", "school-vague-padded", "a missing girl found with older men at a dated time against a padded form"),
        new("youth-club-exploitation", "housing-overcrowding", "a package handed over at a dated time and the boy's words against crowding"),
        new("police-online-grooming", "school-vague-dated", "images sent, a phone seized and the girl's words against a date attached to general worry"),
        new("early-help-young-carer", "early-help-vague", "a young carer's missed days and his own words against general concerns, both early help without consent"),
        new("early-help-young-carer", "school-vague-long", "facts against length"),
        new("gp-seen-today", "school-vague-long", "cuts seen today and the girl's own explanation, in two lines, against 900 words of worry"),
        new("gp-seen-today", "school-vague-padded-spoken", "a teenager's cuts and her words against a padded form whose school has spoken to mum"),
        new("police-999-brief", "police-da-argument", "a punch with a child present against an argument"),
        new("police-999-brief", "school-vague-padded-spoken", "an assault in front of a four-year-old against general worry"),
    ];

    /// <summary>Which referrals a practitioner would rate good, and which poor, whatever else is in the set.</summary>
    public static readonly IReadOnlyList<string> Good =
        ["police-da-999", "gp-teen-cuts", "school-excellent", "school-sexual-disclosure", "ae-baby-fracture", "health-visitor-unborn"];

    public static readonly IReadOnlyList<string> Poor =
        ["school-vague-long", "school-vague-padded", "school-vague-padded-again", "school-vague-padded-spoken", "anonymous-rumour", "gp-vague-letter", "school-behaviour-worry", "early-help-vague"];

    private static ChildDetails Child(string first, string? last = "Sample", DateOnly? born = null, int? age = null, string? nhs = null,
        DateOnly? due = null) => new()
    {
        FirstName = first, LastName = last, DateOfBirth = born, EstimatedAgeYears = age, ExpectedDueDate = due, NhsNumber = nhs,
        Address = nhs is null ? null : "4 Invented Road, Derby", Postcode = nhs is null ? null : "DE22 1AB",
    };

    private static ReferralForm Form(ChildDetails[] children, ConcernDetails concern, int? level = 3, RiskLevel? risk = RiskLevel.Medium,
        string? reason = null, ConsentDetails? consent = null, DomesticAbuseNotification? notification = null, bool phoneAndEmail = true) => new()
    {
        Referrer = new ReferrerDetails { Phone = "01332 000 111", Email = phoneAndEmail ? "referrer@agency.example" : null },
        Children = children,
        Consent = consent ?? new ConsentDetails { ParentsAware = Answer.Yes, ParentsConsented = Answer.Yes },
        Concern = concern,
        ReferrerView = new ReferrerView { LevelOfNeed = level, Risk = risk, RiskReason = reason },
        DomesticAbuse = notification,
    };

    private static readonly ConsentDetails NotKnown = new() { ParentsAware = Answer.NotKnown, ParentsConsented = Answer.NotKnown };

    private static readonly string[] VagueSentences =
    [
        "We have had concerns for some time about Ellie and her family.",
        "There are lots of issues at home and mum is struggling.",
        "Ellie can be quiet some days and other days she is fine, and staff have commented that she does not seem herself.",
        "There are ongoing concerns about the home environment and we are worried about her.",
        "Mum has said in the past that things are difficult and we feel the family would benefit from support.",
        "Attendance has been variable over the years although it is not currently a concern in itself.",
        "Staff have a gut feeling that something is not right, and this has been discussed at several team meetings over the last year.",
        "We are not sure what is going on at home but there seem to be various issues with the adults in the household.",
        "Ellie's presentation varies and at times she can appear tired, though this is not unusual for children of her age.",
        "Previous concerns have been raised before by other staff members and these were logged at the time.",
    ];

    private static string VagueAt(int words)
    {
        var text = new List<string>();
        for (var i = 0; text.Sum(s => s.Split(' ').Length) < words; i++) text.Add(VagueSentences[i % VagueSentences.Length]);
        return string.Join(" ", text);
    }

    public static readonly IReadOnlyDictionary<string, ReferralForm> Referrals = new Dictionary<string, ReferralForm>
    {
        ["police-da-999"] = Form([Child("Kai", "Carter", new DateOnly(2020, 5, 2), nhs: "9434765919")], new ConcernDetails
        {
            Categories = ["domestic-abuse-parent"],
            WhatHappened = "999 call at 23:40 on Saturday 14 November from Ms Carter, who said her partner Dean Wood punched her in the face. " +
                           "Officers attended the flat; Mr Wood was arrested. Kai (6) was in the room and saw the assault.",
            HowKnown = "Officers attended and spoke to both adults; body-worn video recorded.",
            ChildsVoice = "Kai was crying and hiding behind the sofa; he told the officer 'Dean hurt mummy again'.",
            WhatIsGoingWell = "Ms Carter called the police herself and her mother lives nearby and has Kai after school.",
            ActionsAlreadyTaken = "Mr Wood arrested and bailed with conditions not to attend the address; DASH completed; MARAC referral made.",
            OtherProfessionals = "Police; IDVA.",
        }, level: 4, risk: RiskLevel.High, reason: "High on the DASH because this is the third assault this year and Kai saw it.",
            consent: new ConsentDetails { ParentsAware = Answer.Yes, ParentsConsented = Answer.No, ConsentReason = "Police notification: consent not needed." },
            notification: new DomesticAbuseNotification { RiskLevel = DomesticAbuseRisk.High, ChildrenPresent = Answer.Yes, MaracReferralMade = Answer.Yes }),

        ["police-da-argument"] = Form([Child("Leo", "Hart", age: 9)], new ConcernDetails
        {
            Categories = ["domestic-abuse-parent"],
            WhatHappened = "Report of a verbal argument between the adults. Both calm on arrival, no offences disclosed.",
        }, level: 1, risk: RiskLevel.Low, consent: NotKnown,
            notification: new DomesticAbuseNotification { RiskLevel = DomesticAbuseRisk.Standard, ChildrenPresent = Answer.NotKnown, MaracReferralMade = Answer.No }),

        ["police-da-fields-only"] = Form([Child("Ruby", "Hale", new DateOnly(2016, 1, 9))], new ConcernDetails
        {
            Categories = ["domestic-abuse-parent"], WhatHappened = "Domestic incident notification.",
        }, level: 3, risk: null, consent: NotKnown,
            notification: new DomesticAbuseNotification { RiskLevel = DomesticAbuseRisk.Medium, ChildrenPresent = Answer.Yes, MaracReferralMade = Answer.No }),

        ["gp-teen-cuts"] = Form([Child("Jade", "Morgan", new DateOnly(2011, 6, 20), nhs: "9434765919")], new ConcernDetails
        {
            Categories = ["self-harm"],
            WhatHappened = "Seen in surgery today: Jade (15) has fresh superficial cuts to both forearms, some a few days old. " +
                           "She says it is stress at home because of arguments between her mum and her stepdad.",
            HowKnown = "I examined her myself.",
            ChildsVoice = "Jade said 'I just can't be at home any more, they scream all the time'.",
            WhatIsGoingWell = "Jade engages well and came to the appointment on her own; she is close to her grandmother.",
            ActionsAlreadyTaken = "Dressed the cuts, agreed a safety plan with Jade and made an urgent CAMHS referral.",
            OtherProfessionals = "CAMHS; school nurse.",
        }, risk: RiskLevel.High, reason: "Escalating self-harm because of conflict at home.",
            consent: new ConsentDetails { ParentsAware = Answer.No, ParentsAwareReason = "Jade asked me not to tell her mum yet.", ParentsConsented = Answer.No, ConsentReason = "Jade's own consent given." }),

        ["gp-one-line-disclosure"] = Form([Child("Mo", null, age: 7), Child("Lina", null, age: 4)], new ConcernDetails
        {
            Categories = ["physical-abuse-by-adult"],
            WhatHappened = "Mum disclosed at her appointment yesterday that dad hits the children when he is drunk.",
        }, risk: RiskLevel.High, consent: NotKnown, phoneAndEmail: false),

        ["school-excellent"] = Form([Child("Amy", "Example", new DateOnly(2015, 3, 14), nhs: "9434765919")], new ConcernDetails
        {
            Categories = ["physical-abuse-by-adult", "domestic-abuse-parent"],
            WhatHappened = "Amy arrived at school on Tuesday 24 November with a bruise under her left eye and finger-mark bruising on her upper arm.",
            WhenAndWhere = "Seen at 08:45 in the classroom.",
            HowKnown = "I saw the bruises myself; Amy told me directly.",
            Disclosure = "Amy told me: 'Mum's boyfriend grabbed me and pushed me into the door because I spilt my drink.'",
            ChildsVoice = "Amy said she is scared to go home when he is there; she seemed frightened and flinched when a door banged.",
            WhatIsGoingWell = "Amy attends every day and her grandmother collects her on Fridays.",
            ActionsAlreadyTaken = "Spoke to the DSL, recorded on CPOMS, body map completed; a safety plan agreed with Amy for home time.",
            OtherProfessionals = "School nurse; GP (Sample Surgery).",
        }, level: 4, risk: RiskLevel.High, reason: "High because this is an injury to the face from an adult, and Amy is afraid to go home."),

        ["school-bruise-one-line"] = Form([Child("Tom", "Baker", age: 10)], new ConcernDetails
        {
            Categories = ["physical-abuse-by-adult"], WhatHappened = "Tom had a bruise on his cheek this morning; he said his dad did it.",
        }, risk: RiskLevel.Medium, consent: NotKnown),

        ["school-vague-long"] = Form([Child("Ellie", "Brown", new DateOnly(2017, 2, 1), nhs: "9434765919")], new ConcernDetails
        {
            Categories = ["neglect"], WhatHappened = VagueAt(900),
        }, reason: "We are worried about the family."),

        ["school-vague-padded"] = Form([Child("Ellie", "Brown", new DateOnly(2017, 2, 1), nhs: "9434765919")], new ConcernDetails
        {
            Categories = ["neglect"],
            WhatHappened = "We have had concerns for some time; there are lots of issues at home and mum is struggling.",
            WhenAndWhere = "Over the last few terms.",
            HowKnown = "From school.",
            Disclosure = "None.",
            ImpactOnChild = "Ellie can seem a bit up and down.",
            ChildsVoice = "Ellie does not really talk about home.",
            WhatIsGoingWell = "Mum loves Ellie.",
            ActionsAlreadyTaken = "We have been keeping an eye on her.",
            OtherProfessionals = "School nurse.",
            HopedOutcome = "Support for the family.",
        }, reason: "We are worried about the family."),

        ["school-vague-padded-again"] = Form([Child("Kyle", "Moss", new DateOnly(2014, 8, 8), nhs: "9434765919")], new ConcernDetails
        {
            Categories = ["neglect"],
            WhatHappened = "Kyle seems unhappy and the family is chaotic. There are ongoing concerns.",
            WhenAndWhere = "This year.",
            HowKnown = "Staff.",
            ChildsVoice = "Kyle doesn't say much.",
            WhatIsGoingWell = "Kyle is a lovely boy.",
            ActionsAlreadyTaken = "Monitoring.",
            OtherProfessionals = "Not sure.",
        }, reason: "Long-standing concerns."),

        ["school-behaviour-worry"] = Form([Child("Sam", "Hill", new DateOnly(2016, 4, 4))], new ConcernDetails
        {
            Categories = ["other"], WhatHappened = "Sam's behaviour has been getting worse and we are worried about him. Mum seems to be struggling.",
        }),

        ["school-sexual-disclosure"] = Form([Child("Mia", "Fox", new DateOnly(2015, 10, 10), nhs: "9434765919")], new ConcernDetails
        {
            Categories = ["sexual-abuse-by-adult"],
            WhatHappened = "At lunchtime on Friday 20 November Mia (11) told her teacher that her uncle touches her when he babysits at the house.",
            HowKnown = "Mia told her class teacher directly, who wrote down her words straight away.",
            Disclosure = "Mia said: 'Uncle Ray comes in my room when he babysits and touches me and says it's our secret.'",
            ChildsVoice = "She asked the teacher not to tell mum because she will be upset; she was tearful but relieved.",
            ActionsAlreadyTaken = "DSL informed at 13:10; no one in the family spoken to, following the child protection procedures.",
            OtherProfessionals = "None known.",
        }, level: 4, risk: RiskLevel.High, reason: "Sexual abuse disclosed by the child, and the uncle still babysits.",
            consent: new ConsentDetails { ParentsAware = Answer.No, ParentsAwareReason = "Telling them may place Mia at risk.", ParentsConsented = Answer.No, ConsentReason = "Not sought: safeguarding." }),

        ["school-neglect-good"] = Form([Child("Ben", "Ward", new DateOnly(2018, 9, 2), nhs: "9434765919")], new ConcernDetails
        {
            Categories = ["neglect"],
            WhatHappened = "Ben arrived hungry on Monday, Tuesday and Thursday this week, in the same dirty clothes, and ate two breakfasts at breakfast club.",
            HowKnown = "Seen by his class teacher and me.",
            ChildsVoice = "Ben said 'there's no food in the cupboard and mummy is asleep'.",
            ActionsAlreadyTaken = "Breakfast club place arranged; I phoned mum, who did not answer.",
            OtherProfessionals = "School nurse.",
        }, reason: "Because he is hungry most days and mum cannot be reached."),

        ["housing-visit-not-known"] = Form([Child("Poppy", null, age: 2), Child("Jack", null, age: 4)], new ConcernDetails
        {
            Categories = ["neglect"],
            WhatHappened = "On a visit to the flat on 3 November I saw no food in the kitchen, dog mess on the floors and the younger child's cot " +
                           "soaked in urine. Both children were in nappies that had not been changed and were unwashed.",
            HowKnown = "I saw it myself on the visit.",
        }, level: LevelsOfNeed.NotKnown, risk: RiskLevel.NotKnown, consent: NotKnown),

        ["housing-overcrowding"] = Form([Child("Isla", "Reed", age: 6)], new ConcernDetails
        {
            Categories = ["other"], WhatHappened = "Family of six living in one room in a hostel. Children seem unhappy.",
        }, level: 2, risk: RiskLevel.Low),

        ["youth-worker-neighbour"] = Form([Child("Josh", null, age: 8), Child("Evie", null, age: 5)], new ConcernDetails
        {
            Categories = ["physical-abuse-by-adult"],
            WhatHappened = "A neighbour says the dad hits the children.",
            HowKnown = "The neighbour told me at the youth club on Friday evening.",
        }, level: null, risk: null, consent: NotKnown),

        ["anonymous-rumour"] = Form([Child("Unknown", null, age: 7)], new ConcernDetails
        {
            Categories = ["neglect"], WhatHappened = "Apparently there are lots of issues at home and the kids are a worry.",
        }, level: null, risk: null, consent: NotKnown, phoneAndEmail: false),

        ["relative-phone"] = Form([Child("Ollie", "Dean", age: 5)], new ConcernDetails
        {
            Categories = ["emotional-abuse"],
            WhatHappened = "My grandson Ollie told me on Sunday that mummy's boyfriend locks him in his room all day at weekends. He had a red mark on his wrist.",
            ChildsVoice = "Ollie said 'I have to stay in my room and be quiet or he gets cross'.",
        }, risk: RiskLevel.High, consent: NotKnown),

        ["foodbank-thin-girls"] = Form([Child("Maya", null, age: 9), Child("Nia", null, age: 6)], new ConcernDetails
        {
            Categories = ["neglect"],
            WhatHappened = "Mum came to the food bank on Wednesday with the two girls, who were very thin and said they had not eaten since Monday.",
            HowKnown = "I saw them and the girls told me.",
        }, level: 2, risk: RiskLevel.Medium, consent: NotKnown),

        ["nursery-toddler-burn"] = Form([Child("Alfie", "Stone", new DateOnly(2024, 6, 1))], new ConcernDetails
        {
            Categories = ["physical-abuse-by-adult"],
            WhatHappened = "Alfie arrived at nursery on Monday with a round burn mark on the back of his hand.",
            ChildsVoice = "He flinched when staff went to pick him up and was unusually quiet and clingy all morning.",
            ActionsAlreadyTaken = "Body map completed; manager spoke to dad at pick-up, who said it was the radiator.",
        }, reason: "The mark looks like a cigarette burn and the explanation does not fit."),

        ["ae-baby-fracture"] = Form([Child("Baby", "Lane", new DateOnly(2026, 7, 20), nhs: "9434765919")], new ConcernDetails
        {
            Categories = ["physical-abuse-by-adult"],
            WhatHappened = "Baby (4 months) brought to A&E at 02:00 on 12 November with a spiral fracture of the left arm. " +
                           "Parents say she rolled off the sofa; a baby of this age cannot roll, and the injury does not fit the account.",
            HowKnown = "Examined by the paediatric registrar; X-ray in our records.",
            ChildsVoice = "Baby was distressed when her arm was moved, and settled with the nurse.",
            ActionsAlreadyTaken = "Admitted to the ward; skeletal survey arranged; police informed.",
            OtherProfessionals = "Paediatrician; health visitor; police.",
        }, level: 4, risk: RiskLevel.High, reason: "An unexplained fracture in a non-mobile baby, because the account does not fit."),

        ["health-visitor-unborn"] = Form([Child("Unborn", "Price", due: new DateOnly(2027, 2, 10))], new ConcernDetails
        {
            Categories = ["domestic-abuse-parent"],
            WhatHappened = "At an antenatal visit on 10 November, Ms Price (19), 28 weeks pregnant, disclosed that her partner pushed her " +
                           "against a wall last month; she has bruising on her upper arm, which I saw.",
            HowKnown = "I saw the bruising and she told me directly.",
            WhatIsGoingWell = "Ms Price engages with midwifery and wants support.",
            ActionsAlreadyTaken = "Discussed safety, gave her the Women's Aid number and informed the midwife.",
            OtherProfessionals = "Midwife; GP.",
        }, reason: "Domestic abuse in pregnancy, because the risk rises after the birth."),

        ["health-visitor-weight-loss"] = Form([Child("Lily", "Cole", new DateOnly(2026, 4, 15))], new ConcernDetails
        {
            Categories = ["neglect"],
            WhatHappened = "On a home visit on 17 November Lily (7 months) weighed 6.1 kg, down from 6.5 kg two weeks ago. The flat was cold " +
                           "and there was no formula in the house. Mum said she had run out of money.",
            ChildsVoice = "Lily was quiet and floppy and did not respond much to her mum.",
            ActionsAlreadyTaken = "Food bank voucher given; GP appointment arranged for tomorrow.",
        }, reason: "Because of the weight loss in a baby."),

        ["gp-parent-voices"] = Form([Child("Noah", "Gray", new DateOnly(2026, 8, 30))], new ConcernDetails
        {
            Categories = ["mental-health-parent"],
            WhatHappened = "Mother attended on 2 November saying she hears voices telling her to harm her baby.",
            ChildsVoice = "Noah was with her and appeared well fed and settled.",
            ActionsAlreadyTaken = "Urgent referral to the perinatal mental health team.",
        }, level: 4, risk: RiskLevel.High, reason: "Because of command hallucinations about the baby."),

        ["gp-vague-letter"] = Form([Child("Zac", "Ball", new DateOnly(2013, 3, 3))], new ConcernDetails
        {
            Categories = ["mental-health-parent"], WhatHappened = "Known to practice, history of anxiety in the family, may need support.",
        }, level: 2, risk: RiskLevel.Low),

        ["probation-licence-address"] = Form([Child("Grace", "Webb", age: 6), Child("Ava", "Webb", age: 3)], new ConcernDetails
        {
            Categories = ["sexual-abuse-by-adult"],
            WhatHappened = "Mr Stone, released in October after convictions for offences against children, gave the children's home as his address.",
            HowKnown = "Our records: licence address check on 5 November.",
            ActionsAlreadyTaken = "Licence recall being considered; police informed.",
        }, level: 4, risk: RiskLevel.High, reason: "Because he has convictions for sexual offences against girls of this age."),

        ["police-missing-exploitation"] = Form([Child("Leah", "Park", new DateOnly(2012, 1, 5))], new ConcernDetails
        {
            Categories = ["missing", "child-sexual-exploitation"],
            WhatHappened = "Leah (14) was reported missing at 22:00 on Friday by her mother and was found at 03:00 in a car with two older men at the retail park.",
            HowKnown = "Officers found her.",
            ActionsAlreadyTaken = "Return home interview requested; men's details recorded.",
        }, level: 4, risk: RiskLevel.High, reason: "Because she was found with older men at night, the third missing episode."),

        ["youth-club-exploitation"] = Form([Child("Reece", "Long", age: 15)], new ConcernDetails
        {
            Categories = ["child-criminal-exploitation"],
            WhatHappened = "On Thursday at 9pm I saw Reece being handed a package by an older man outside the youth club.",
            ChildsVoice = "Reece has new expensive trainers and said he is 'working for someone' now.",
        }, level: 3, risk: RiskLevel.High),

        ["police-online-grooming"] = Form([Child("Zoe", "King", new DateOnly(2013, 4, 4))], new ConcernDetails
        {
            Categories = ["child-sexual-exploitation"],
            WhatHappened = "On 9 November Zoe's father reported that a man of 25 sent her sexual images on Snapchat and asked to meet her.",
            HowKnown = "Officers attended and seized her phone.",
            ChildsVoice = "Zoe said 'he said he loved me'.",
        }, level: 4, risk: RiskLevel.High),

        ["school-vague-dated"] = Form([Child("Finn", "Lee", new DateOnly(2015, 5, 5))], new ConcernDetails
        {
            Categories = ["neglect"], WhatHappened = "On Monday there were concerns again. Lots of issues at home.",
        }),

        ["early-help-young-carer"] = Form([Child("Jay", "Patel", new DateOnly(2017, 7, 7))], new ConcernDetails
        {
            Categories = ["young-carer"],
            WhatHappened = "Jay (9) has missed 18 days this term. On 4 November he told his teacher he stays at home to look after his mum, who has MS.",
            ChildsVoice = "Jay said 'someone has to help mum get up'.",
        }, level: 2, risk: RiskLevel.Low,
            consent: new ConsentDetails { ParentsAware = Answer.No, ParentsAwareReason = "Not yet spoken to.", ParentsConsented = Answer.NotKnown }),

        ["gp-seen-today"] = Form([Child("Chloe", null, age: 15)], new ConcernDetails
        {
            Categories = ["self-harm"], WhatHappened = "Seen today, 15 year old with cuts to both forearms. She says it is stress at home.",
        }, level: null, risk: null, consent: NotKnown),

        ["police-999-brief"] = Form([Child("Tyler", "Ross", age: 4)], new ConcernDetails
        {
            Categories = ["domestic-abuse-parent"],
            WhatHappened = "Police attended following a 999 call at 23:00 on 1 November. Male punched his female partner. Child aged 4 present.",
        }, level: 3, risk: null, consent: NotKnown,
            notification: new DomesticAbuseNotification { RiskLevel = DomesticAbuseRisk.Medium, ChildrenPresent = Answer.Yes }),

        ["school-vague-padded-spoken"] = Form([Child("Ellie", "Brown", new DateOnly(2017, 2, 1), nhs: "9434765919")], new ConcernDetails
        {
            Categories = ["neglect"],
            WhatHappened = "We have had concerns for some time and there are lots of issues at home.",
            WhenAndWhere = "Over the last few months at home.",
            HowKnown = "School staff.",
            ChildsVoice = "Ellie does not really talk about home.",
            WhatIsGoingWell = "Mum loves Ellie.",
            ActionsAlreadyTaken = "We have spoken to mum about our worries.",
            OtherProfessionals = "School nurse is aware.",
        }, reason: "We are worried."),

        ["early-help-vague"] = Form([Child("Ruby", "Shaw", new DateOnly(2019, 9, 9))], new ConcernDetails
        {
            Categories = ["other"], WhatHappened = "Family could do with some support, general concerns.",
        }, level: 2, risk: RiskLevel.Low, consent: new ConsentDetails { ParentsAware = Answer.No, ParentsConsented = Answer.No }),
    };
}
