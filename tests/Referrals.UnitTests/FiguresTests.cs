using Referrals.Api.Domain;
using Referrals.Api.Features.Metrics;

namespace Referrals.UnitTests;

public sealed class FiguresTests
{
    private static readonly WorkingDayCalendar Calendar = new(new EnglandBankHolidays(null));
    private static int _next;

    private static ContactFact Contact(DateTimeOffset received, Action<ContactFact>? change = null)
    {
        var fact = new ContactFact
        {
            ContactId = Guid.NewGuid(), ReferralId = Guid.NewGuid(), FirstOnReferral = true, ChildKey = $"child-{++_next}", ReceivedAt = received,
            AgencyCode = "SCH-DERBY-MOOR", AgencyType = AgencyType.School, SourceCode = "2A", Channel = Channel.ElectronicForm,
            DecisionDueAt = Calendar.DecisionDue(received), QualityScore = 70, RubricVersion = QualityRubric.Version, ReferrerLevel = 3, Status = ReferralStatus.Submitted,
        };
        change?.Invoke(fact);
        fact.KeepHoursToDecision();
        return fact;
    }

    private static double? Value(IReadOnlyList<Measured> figures, string name) => figures.Single(f => f.Name == name).Value;

    [Fact]
    public void Volume_counts_contacts_referrals_and_distinct_children()
    {
        var at = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
        var siblings = Guid.NewGuid();
        var facts = new[]
        {
            Contact(at, f => { f.ReferralId = siblings; f.ChildKey = "amy"; }),
            Contact(at, f => { f.ReferralId = siblings; f.FirstOnReferral = false; f.ChildKey = "ben"; }),
            Contact(at.AddDays(1), f => { f.ChildKey = "amy"; f.Channel = Channel.Phone; f.ReferredAt = at.AddDays(1).AddHours(2); }), // Amy again, accepted
        };
        var volume = FigureCalculator.Calculate(FigureFamily.Volume, facts);
        Assert.Equal((3, 2, 1, 2, 2, 1), ((int)Value(volume, "contacts")!, (int)Value(volume, "formsReceived")!, (int)Value(volume, "referrals")!,
            (int)Value(volume, "children")!, (int)Value(volume, "contactsByForm")!, (int)Value(volume, "contactsByPhoneEmailOrInPerson")!));
    }

    [Fact]
    public void A_contact_taken_away_from_a_tally_leaves_it_as_before_and_only_the_first_child_carries_the_referral()
    {
        var at = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
        var first = Contact(at, f => { f.QualityScore = 55; f.ConsentAddressed = true; f.ReReferral = true; });
        var second = Contact(at, f => { f.ReferralId = first.ReferralId; f.FirstOnReferral = false; f.QualityScore = 55; f.ConsentAddressed = true; });
        var tally = new Tally();
        tally.Add(first);
        tally.Add(second);
        Assert.Equal((2, 1, 55, 1, 1), (tally[Tally.Count.Contacts], tally[Tally.Count.FormsReceived], tally[Tally.Count.QualityScoreTotal],
            tally[Tally.Count.ConsentAddressed], tally[Tally.Count.ReReferrals]));

        // A decision as the daily totals see it: the contact as it was comes off, the contact as it is goes on.
        tally.Add(second, -1);
        second.Outcome = DecisionOutcome.EarlyHelp;
        second.QualityRating = QualityRating.Poor;
        second.QualityReasons = "ConcernUnclear";
        second.DecidedAt = at.AddHours(3);
        second.KeepHoursToDecision();
        tally.Add(second);
        Assert.Equal((2, 1, 1, 1, 1, 1), (tally[Tally.Count.Contacts], tally[Tally.Count.Decided], tally.Outcome(DecisionOutcome.EarlyHelp),
            tally[Tally.Count.RatedPoor], tally.Reason(QualityReason.ConcernUnclear), tally[Tally.Count.FirstDecisions]));
        Assert.Equal(3.0, second.HoursToDecision);

        tally.Add(first, -1);
        tally.Add(second, -1);
        Assert.True(tally.IsEmpty);
        Assert.Equal(Tally.Names.Count, Tally.Names.Distinct().Count());
    }

    [Fact]
    public void Timeliness_across_a_bank_holiday_and_the_clock_change_is_judged_by_working_days_and_measured_in_real_hours()
    {
        // Friday 23 October 2026, 16:00 BST (15:00 UTC); the clocks go back on Sunday 25 October. Due: Monday 26th, 16:00 GMT.
        var friday = new DateTimeOffset(2026, 10, 23, 15, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 16, 0, 0, TimeSpan.Zero), Calendar.DecisionDue(friday));
        // Thursday 24 December 2026, 11:00: Christmas Day and Boxing Day (substitute Monday 28th) pass; due Tuesday 29th 11:00.
        var christmasEve = new DateTimeOffset(2026, 12, 24, 11, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 12, 29, 11, 0, 0, TimeSpan.Zero), Calendar.DecisionDue(christmasEve));

        var facts = new[]
        {
            Contact(friday, f => f.DecidedAt = new DateTimeOffset(2026, 10, 26, 15, 30, 0, TimeSpan.Zero)), // 72.5 h, on time
            Contact(friday, f => f.DecidedAt = new DateTimeOffset(2026, 10, 26, 16, 30, 0, TimeSpan.Zero)), // 73.5 h, late
            Contact(christmasEve, f => f.DecidedAt = new DateTimeOffset(2026, 12, 29, 10, 0, 0, TimeSpan.Zero)), // 119 h, on time
            Contact(christmasEve, f => f.DecidedAt = christmasEve.AddHours(2)), // 2 h
            Contact(christmasEve), // not decided: not counted
        };
        facts[0].OutcomeReadyAt = facts[0].DecidedAt!.Value.AddHours(3);
        facts[0].OutcomeDueAt = Calendar.DecisionDue(facts[0].DecidedAt!.Value);
        facts[1].OutcomeReadyAt = facts[1].DecidedAt!.Value.AddDays(3); // Monday 16:30 to Thursday: more than a working day
        facts[1].OutcomeDueAt = Calendar.DecisionDue(facts[1].DecidedAt!.Value);
        var figures = FigureCalculator.Calculate(FigureFamily.Timeliness, facts);
        Assert.Equal((2.0, 50.0), (Value(figures, "outcomesSent")!.Value, Value(figures, "outcomesSentWithinOneWorkingDayPercent")!.Value));
        Assert.Equal(4, Value(figures, "decided"));
        Assert.Equal(75.0, Value(figures, "decidedWithinOneWorkingDayPercent"));
        Assert.Equal(73.0, Value(figures, "medianHoursToDecision")); // (72.5 + 73.5) / 2
        Assert.Equal(105.4, Value(figures, "ninetiethPercentileHoursToDecision")); // 73.5 + 0.7 * (119 - 73.5) = 105.35
    }

    [Fact]
    public void Outcomes_count_only_final_decisions_and_re_referrals_count_among_referrals()
    {
        var at = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
        var facts = new[]
        {
            Contact(at, f => { f.Outcome = DecisionOutcome.SocialCareAssessment; f.ReferredAt = at.AddHours(1); }),
            Contact(at, f => { f.Outcome = DecisionOutcome.StrategyDiscussion; f.ReferredAt = at.AddHours(1); f.ReReferral = true; }),
            Contact(at, f => f.Outcome = DecisionOutcome.EarlyHelp),
            Contact(at, f => f.Outcome = DecisionOutcome.NoFurtherAction), // a contact: never a re-referral
            Contact(at), // awaiting a decision
        };
        var figures = FigureCalculator.Calculate(FigureFamily.Outcomes, facts);
        Assert.Equal([1.0, 0.0, 1.0, 1.0, 1.0, 0.0], Enum.GetValues<DecisionOutcome>().Select(o => Value(figures, $"outcome:{Referrals.Api.Domain.EnumWords.Of(o)}")!.Value));
        Assert.Equal(5, Value(figures, "contacts"));
        Assert.Equal((4.0, 50.0, 25.0, 25.0, 1.0, 50.0), (Value(figures, "decided")!.Value, Value(figures, "socialCareAssessmentOrStrategyPercent")!.Value,
            Value(figures, "earlyHelpPercent")!.Value, Value(figures, "noFurtherActionPercent")!.Value, Value(figures, "reReferrals")!.Value, Value(figures, "reReferralPercent")!.Value));
        // Referrals (accepted) of decided contacts: the conversion rate.
        Assert.Equal((2.0, 50.0), (Value(figures, "referrals")!.Value, Value(figures, "conversionRatePercent")!.Value));
    }

    [Fact]
    public void Quality_averages_over_referrals_and_rates_poor_over_rated_contacts()
    {
        var at = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
        var shared = Guid.NewGuid();
        var facts = new[]
        {
            Contact(at, f => { f.ReferralId = shared; f.QualityScore = 40; f.QualityRating = QualityRating.Poor; f.QualityReasons = "ChildsVoiceAbsent,ConsentNotAddressed"; f.PractitionerLevel = 3; }),
            Contact(at, f => { f.ReferralId = shared; f.FirstOnReferral = false; f.QualityScore = 40; f.QualityRating = QualityRating.Poor; f.QualityReasons = "ChildsVoiceAbsent"; f.PractitionerLevel = 2; }),
            Contact(at, f => { f.QualityScore = 90; f.QualityRating = QualityRating.Good; f.ConsentAddressed = true; f.PractitionerLevel = 3; }),
            Contact(at, f => { f.QualityScore = 80; f.Channel = Channel.Email; f.ChildsVoice = true; f.ActionsTaken = true; f.ReturnedForInformation = true; }),
        };
        var figures = FigureCalculator.Calculate(FigureFamily.Quality, facts);
        Assert.Equal((3.0, 4.0, 3.0, 3.0), (Value(figures, "formsReceived")!.Value, Value(figures, "contacts")!.Value, Value(figures, "rated")!.Value, Value(figures, "levelled")!.Value));
        Assert.Equal((33.3, 33.3, 33.3), (Value(figures, "childsVoicePercent")!.Value, Value(figures, "actionsTakenPercent")!.Value, Value(figures, "returnedForInformationPercent")!.Value));
        Assert.Equal(0, Value(figures, "reason:wrong-route"));
        Assert.Equal(70.0, Value(figures, "averageQualityScore")); // (40 + 90 + 80) / 3 referrals
        Assert.Equal(66.7, Value(figures, "ratedPoorPercent"));
        Assert.Equal(2, Value(figures, "reason:childs-voice-absent"));
        Assert.Equal(1, Value(figures, "reason:consent-not-addressed"));
        Assert.Equal(33.3, Value(figures, "consentAddressedPercent"));
        Assert.Equal(75.0, Value(figures, "electronicFormPercent"));
        Assert.Equal(66.7, Value(figures, "levelAgreementPercent"));
    }

    [Fact]
    public void Scores_from_each_rubric_version_are_averaged_apart()
    {
        var at = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
        var facts = new[]
        {
            Contact(at, f => f.QualityScore = 60),
            Contact(at, f => f.QualityScore = 80),
            Contact(at, f => { f.QualityScore = 100; f.RubricVersion = "2026.1"; }),
        };
        var figures = FigureCalculator.Calculate(FigureFamily.Quality, facts);
        Assert.Equal((3, 2, 70.0), ((int)Value(figures, "formsReceived")!, (int)Value(figures, "scoredWithCurrentRubric")!, Value(figures, "averageQualityScore")));
        Assert.Equal((1, 100.0), ((int)Value(figures, "scoredWithEarlierRubric")!, Value(figures, "averageQualityScoreEarlierRubric")));
    }

    [Fact]
    public void The_rubrics_band_is_set_beside_the_practitioners_rating()
    {
        var at = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
        var facts = new[]
        {
            Contact(at, f => { f.QualityScore = 90; f.QualityRating = QualityRating.Good; }),
            Contact(at, f => { f.QualityScore = 50; f.QualityRating = QualityRating.Adequate; }),
            Contact(at, f => { f.QualityScore = 10; f.QualityRating = QualityRating.Poor; }),
            Contact(at, f => { f.QualityScore = 70; f.QualityRating = QualityRating.Adequate; }),
            Contact(at, f => { f.QualityScore = 95; f.QualityRating = QualityRating.Poor; f.RubricVersion = "2026.1"; }), // another version: not compared
            Contact(at, f => f.QualityScore = 20), // not rated
        };
        var figures = FigureCalculator.Calculate(FigureFamily.Quality, facts);
        Assert.Equal((4, 75.0, 1, 0), ((int)Value(figures, "bandRated")!, Value(figures, "bandAgreementPercent")!.Value,
            (int)Value(figures, "bandAboveRating")!, (int)Value(figures, "bandBelowRating")!));
        // Mid-ranks: bands poor 1, adequate 2, good 3.5; ratings poor 1, adequate 2.5, good 4: covariance 3.75 over 4.5.
        Assert.Equal(0.83, Value(figures, "bandRankCorrelation"));
    }

    [Fact]
    public void Rank_correlation_is_one_when_band_and_rating_rise_together_and_none_when_either_does_not_vary()
    {
        int Perfect(QualityRating band, QualityRating rating) => band == rating ? 3 : 0;
        Assert.Equal(1.0, RubricAgreement.SpearmanRho(Perfect));
        int Reversed(QualityRating band, QualityRating rating) =>
            (band, rating) is (QualityRating.Good, QualityRating.Poor) or (QualityRating.Poor, QualityRating.Good) ? 2 : 0;
        Assert.Equal(-1.0, RubricAgreement.SpearmanRho(Reversed));
        Assert.Null(RubricAgreement.SpearmanRho((band, _) => band == QualityRating.Good ? 5 : 0));
        Assert.Null(RubricAgreement.SpearmanRho((_, _) => 0));
    }

    [Fact]
    public void A_level_of_need_not_known_has_nothing_for_the_practitioners_level_to_agree_with()
    {
        var at = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
        var facts = new[]
        {
            Contact(at, f => { f.ReferrerLevel = LevelsOfNeed.NotKnown; f.PractitionerLevel = 3; }),
            Contact(at, f => { f.ReferrerLevel = 3; f.PractitionerLevel = 3; }),
        };
        var figures = FigureCalculator.Calculate(FigureFamily.Quality, facts);
        Assert.Equal((1, 100.0), ((int)Value(figures, "levelled")!, Value(figures, "levelAgreementPercent")));
    }

    [Fact]
    public void Percentiles_interpolate_between_closest_ranks()
    {
        Assert.Null(FigureCalculator.Percentile([], 0.5));
        Assert.Equal(7.0, FigureCalculator.Percentile([7], 0.9));
        Assert.Equal(2.5, FigureCalculator.Percentile([1, 2, 3, 4], 0.5));
        Assert.Equal(9.1, FigureCalculator.Percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9));
    }
}

public sealed class DisclosureControlTests
{
    private static IReadOnlyList<Measured> Counts(int contacts, int decided) =>
    [
        new("contacts", contacts, contacts, true, "contacts"),
        new("decided", decided, decided, true, "decided"),
        new("decidedPercent", contacts == 0 ? null : 100.0 * decided / contacts, contacts, false, "contacts"),
    ];

    [Fact]
    public void Small_counts_and_what_rests_on_them_are_suppressed_for_analysts_and_zero_is_shown()
    {
        var table = DisclosureControl.Apply(Counts(3, 0), [], 5, suppress: true);
        Assert.Equal(new Figure(null, true), table.Total["contacts"]);
        Assert.Equal(new Figure(null, true), table.Total["decidedPercent"]);
        Assert.Equal(new Figure(0), table.Total["decided"]);
        Assert.Equal(new Figure(3), DisclosureControl.Apply(Counts(3, 0), [], 5, suppress: false).Total["contacts"]);
    }

    [Fact]
    public void A_lone_suppressed_group_takes_the_next_smallest_with_it_so_the_total_cannot_give_it_away()
    {
        // 20 contacts: 12 + 5 + 3. Hiding only the 3 would leave it as 20 - 12 - 5.
        var table = DisclosureControl.Apply(Counts(20, 20), [Counts(12, 12), Counts(5, 5), Counts(3, 3)], 5, suppress: true);
        Assert.Equal(new Figure(20), table.Total["contacts"]);
        Assert.Equal(new Figure(12), table.Groups[0]["contacts"]);
        Assert.True(table.Groups[1]["contacts"].Suppressed); // secondary
        Assert.True(table.Groups[1]["decidedPercent"].Suppressed); // rests on the hidden count
        Assert.True(table.Groups[2]["contacts"].Suppressed); // primary
        Assert.Null(table.Groups[1]["contacts"].Value);
    }

    [Fact]
    public void Two_suppressed_groups_need_no_more_and_managers_see_everything()
    {
        var table = DisclosureControl.Apply(Counts(20, 20), [Counts(12, 12), Counts(4, 4), Counts(4, 4)], 5, suppress: true);
        Assert.Equal(new Figure(12), table.Groups[0]["contacts"]);
        Assert.True(table.Groups[1]["contacts"].Suppressed && table.Groups[2]["contacts"].Suppressed);
        var manager = DisclosureControl.Apply(Counts(20, 20), [Counts(12, 12), Counts(5, 5), Counts(3, 3)], 5, suppress: false);
        Assert.Equal([12.0, 5.0, 3.0], manager.Groups.Select(g => g["contacts"].Value!.Value));
    }
}

public sealed class DisclosureControlSumsTests
{
    private static IReadOnlyList<Measured> Contacts(int contacts) => [new("contacts", contacts, contacts, true, "contacts")];

    [Fact]
    public void Suppressed_groups_whose_sum_is_itself_small_take_the_next_smallest_with_them()
    {
        // 30 contacts: 20 + 7 + 2 + 1. Hiding 2 and 1 alone leaves their sum, 3, as 30 - 20 - 7.
        var table = DisclosureControl.Apply(Contacts(30), [Contacts(20), Contacts(7), Contacts(2), Contacts(1)], 5, suppress: true);
        Assert.Equal([false, true, true, true], table.Groups.Select(g => g["contacts"].Suppressed));
        // 1 + 4 already make 5: nothing more goes.
        var enough = DisclosureControl.Apply(Contacts(30), [Contacts(20), Contacts(5), Contacts(4), Contacts(1)], 5, suppress: true);
        Assert.Equal([false, false, true, true], enough.Groups.Select(g => g["contacts"].Suppressed));
    }
}

public sealed class PeriodsTests
{
    private static readonly DateOnly Anchor = new(2026, 1, 5);

    [Fact]
    public void Fortnights_run_from_the_anchor_weeks_from_monday_and_months_from_the_first()
    {
        Assert.Equal(new DateOnly(2026, 11, 23), Periods.StartOf(new DateOnly(2026, 11, 24), Interval.Fortnight, Anchor)); // 23 fortnights on
        Assert.Equal(new DateOnly(2025, 12, 22), Periods.StartOf(new DateOnly(2026, 1, 4), Interval.Fortnight, Anchor)); // before the anchor
        Assert.Equal(new DateOnly(2026, 11, 23), Periods.StartOf(new DateOnly(2026, 11, 29), Interval.Week, Anchor));
        Assert.Equal(new DateOnly(2026, 11, 1), Periods.StartOf(new DateOnly(2026, 11, 29), Interval.Month, Anchor));
        Assert.Equal([(new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 22)), (new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 25))],
            Periods.Split(new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 25), Interval.Fortnight, Anchor));
    }

    [Fact]
    public void A_london_day_starts_at_midnight_local_time_on_either_side_of_the_clock_change()
    {
        Assert.Equal(new DateTimeOffset(2026, 10, 24, 23, 0, 0, TimeSpan.Zero), LondonTime.StartOf(new DateOnly(2026, 10, 25)));
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 0, 0, 0, TimeSpan.Zero), LondonTime.StartOf(new DateOnly(2026, 10, 26)));
        Assert.Equal(new DateOnly(2026, 10, 25), LondonTime.DayOf(new DateTimeOffset(2026, 10, 24, 23, 30, 0, TimeSpan.Zero)));
    }
}

public sealed class CsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=SUM(A1:A2)", "'=SUM(A1:A2)")]
    [InlineData("+44 1332", "'+44 1332")]
    [InlineData("-1+1", "'-1+1")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    public void Text_is_quoted_where_needed_and_formulas_are_neutralised(string value, string cell) =>
        Assert.Equal(cell, Referrals.Api.Common.Csv.Text(value));

    [Fact]
    public void A_file_starts_with_the_utf8_byte_order_mark_and_numbers_stay_numbers()
    {
        var bytes = Referrals.Api.Common.Csv.Write(["a", "b"], [[12.5, -3], [null, "Zoë"]]);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("a,b\r\n12.5,-3\r\n,Zoë\r\n", System.Text.Encoding.UTF8.GetString(bytes[3..]));
    }
}
