namespace Referrals.IntegrationTests.Infrastructure;

/// <summary>Referral forms for tests. Invented people only.</summary>
public static class Forms
{
    public static ChildDetails Child(string first = "Amy", string last = "Example", DateOnly? born = null, string? nhs = "9434765919") => new()
    {
        FirstName = first, LastName = last, DateOfBirth = born ?? new DateOnly(2015, 3, 14), Gender = Gender.Female,
        Ethnicity = "White British", FirstLanguage = "English", InterpreterNeeded = Answer.No, Disability = Answer.No,
        Address = "1 Sample Street, Derby", Postcode = "DE1 2FS", SchoolOrSetting = "Derby Moor Academy", NhsNumber = nhs,
        UniquePupilNumber = "A123456789012", CurrentLocation = "At school", SafeNow = Answer.Yes,
    };

    /// <summary>Two siblings, every question answered well.</summary>
    public static ReferralForm Siblings(string first = "Amy", string last = "Example") => new()
    {
        Referrer = new() { Role = "Designated safeguarding lead", Phone = "01332 000 000", Email = "dsl@school.example.org", SafeguardingLeadConsulted = Answer.Yes },
        Children = [Child(first, last), Child("Ben", last, new DateOnly(2018, 9, 2), nhs: ChildIdentifiers.NotKnown) with { Gender = Gender.Male }],
        Household = [new() { Name = "Carol Example", Relationships = [new() { ChildIndex = 0, Relationship = "mother" }, new() { ChildIndex = 1, Relationship = "mother" }], ParentalResponsibility = Answer.Yes, LivesWithChild = Answer.Yes, AllegedToPoseRisk = Answer.No }],
        Consent = new() { ParentsAware = Answer.Yes, ParentsConsented = Answer.Yes },
        Concern = new()
        {
            Categories = ["neglect", "domestic-abuse-parent"],
            WhatHappened = "Amy arrived hungry on four mornings this week and said there was no food at home; Ben has worn the same clothes all week and has a bruise on his arm he would not explain.",
            WhenAndWhere = "Monday to Thursday this week, at school on arrival.",
            HowKnown = "Seen by class teachers; Amy told her teacher directly.",
            Disclosure = "Amy told her teacher: 'there's nothing for breakfast'.",
            ImpactOnChild = "Amy is tired and withdrawn in lessons.",
            ChildsVoice = "Amy says she likes breakfast club; she seemed anxious about going home.",
            WhatIsGoingWell = "Mother attends parents' evenings and is warm with the children.",
            ActionsAlreadyTaken = "Breakfast club place offered and taken up; early help assessment offered, declined.",
            OtherProfessionals = "School nurse.",
            HopedOutcome = "An assessment of the children's needs.",
        },
        ReferrerView = new() { LevelOfNeed = 3, Risk = RiskLevel.Medium, RiskReason = "Pattern of neglect with a possible injury." },
    };

    /// <summary>A referral the First Contact Team records from a phone call on a partner's behalf.</summary>
    public static ReferralForm ByPhone(string agencyCode = "POLICE-DERBYSHIRE") => Siblings() with
    {
        Channel = Channel.Phone,
        AgencyCode = agencyCode,
        Referrer = new() { Name = "PC Sam Officer", Role = "Police officer", Phone = "101", SafeguardingLeadConsulted = Answer.NotKnown },
    };

    public static ReferralForm WithChild(this ReferralForm form, int index, Func<ChildDetails, ChildDetails> change) =>
        form with { Children = form.Children!.Select((c, i) => i == index ? change(c) : c).ToList() };

    /// <summary>A valid NHS number (modulus 11) of its own for each seed, so tests can tell children apart.</summary>
    public static string NhsNumber(int seed)
    {
        for (var body = 400_000_000 + seed * 10; ; body++)
        {
            var digits = body.ToString("D9");
            var sum = digits.Select((d, i) => (d - '0') * (10 - i)).Sum();
            var check = 11 - sum % 11;
            if (check == 11) check = 0;
            if (check != 10) return digits + check;
        }
    }

    /// <summary>One child of her own: a name and NHS number no other test uses.</summary>
    public static ReferralForm Single(string first, int seed, Answer safeNow = Answer.Yes, string? nhs = null) => Siblings() with
    {
        Children = [Child(first, "Sample", nhs: nhs ?? NhsNumber(seed)) with { SafeNow = safeNow }],
        Household = [],
    };
}
