using Referrals.Api.Domain;

namespace Referrals.UnitTests;

/// <summary>The lifecycle through the domain object: every step from every state a referral can reach, allowed or refused.</summary>
public sealed class ReferralLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly Actor Referrer = new("ref-1", "Jo Teacher", "referrer");
    private static readonly Actor Practitioner = new("prac-1", "Sam Social Worker", "practitioner");
    private static readonly Actor Manager = new("mgr-1", "Alex Manager", "manager");

    private static readonly DecisionDetails EarlyHelp = new(DecisionOutcome.EarlyHelp, 2, "Needs support with routines; no safeguarding concern.",
        "We will offer the family early help.", null, QualityRating.Adequate, [QualityReason.ChildsVoiceAbsent], null, "Early Help South");

    private static readonly DecisionDetails Assessment = new(DecisionOutcome.SocialCareAssessment, 3, "Unexplained bruise: a child in need assessment.",
        "A social worker will assess the family's needs.", null, QualityRating.Good, [], "N1", "Derby City Assessment Team 2");

    private static Referral Submitted(int children = 1)
    {
        var form = new ReferralForm
        {
            Children = [.. Enumerable.Range(0, children).Select(i => new ChildDetails { FirstName = $"Child{i}", LastName = "Example", DateOfBirth = new DateOnly(2015, 3, 14 + i), SafeNow = Answer.Yes })],
            Concern = new ConcernDetails { Categories = ["neglect"], WhatHappened = "Something specific happened." },
            ReferrerView = new ReferrerView { LevelOfNeed = 2, Risk = RiskLevel.Low },
        };
        var quality = QualityRubric.Assess(form, DateOnly.FromDateTime(Now.UtcDateTime));
        return Referral.Submit(Guid.NewGuid(), new Submission(form, "{}", quality, "{}", "SCH-DERBY-MOOR", Channel.ElectronicForm, Referrer, "Jo"),
            Now, Now.AddDays(1), reference: "REF-2026-000001");
    }

    /// <summary>A referral brought to each state it can rest in, through the domain's own steps.</summary>
    private static Referral In(ReferralStatus status)
    {
        var referral = Submitted();
        if (status == ReferralStatus.Submitted) return referral;
        if (status == ReferralStatus.Withdrawn) { referral.Withdraw("Sent in error.", Referrer, Now); return referral; }
        if (status == ReferralStatus.Linked) { referral.LinkAsDuplicateOf(Submitted(), "Same incident.", Practitioner, Now); return referral; }
        referral.Assign(Practitioner, Practitioner, Now, mayReassign: false);
        switch (status)
        {
            case ReferralStatus.InTriage: return referral;
            case ReferralStatus.AwaitingInformation: referral.RequestInformation("Who lives at home?", Practitioner, Now); return referral;
            case ReferralStatus.MultiAgencyChecks: referral.RateRag(RagRating.Amber, "Unclear risk.", Practitioner, Now, Now.AddHours(6)); return referral;
        }
        // Accepted for assessment, so that a referral with its outcome ready has a child to allocate.
        var decision = referral.Decide(referral.Contacts[0].Id, Assessment, Practitioner, Now, needsSignOff: true);
        if (status == ReferralStatus.AwaitingSignOff) return referral;
        referral.SignOff(decision.ContactId, SignOffResult.Agreed, null, null, Manager, Now);
        if (status == ReferralStatus.OutcomeReady) return referral;
        referral.Close(null, Practitioner, Now);
        return referral;
    }

    /// <summary>Written out by hand from the council's process, not derived from the code's table.</summary>
    public static TheoryData<ReferralStatus, TriageStep, bool> Steps()
    {
        var allowed = new Dictionary<TriageStep, ReferralStatus[]>
        {
            [TriageStep.Assign] = [ReferralStatus.Submitted, ReferralStatus.InTriage, ReferralStatus.AwaitingInformation, ReferralStatus.MultiAgencyChecks],
            [TriageStep.RequestInformation] = [ReferralStatus.InTriage, ReferralStatus.MultiAgencyChecks],
            [TriageStep.AnswerInformation] = [ReferralStatus.AwaitingInformation],
            [TriageStep.RateRag] = [ReferralStatus.InTriage, ReferralStatus.AwaitingInformation, ReferralStatus.MultiAgencyChecks],
            [TriageStep.RecordCheck] = [ReferralStatus.InTriage, ReferralStatus.AwaitingInformation, ReferralStatus.MultiAgencyChecks],
            [TriageStep.Decide] = [ReferralStatus.InTriage, ReferralStatus.MultiAgencyChecks],
            [TriageStep.SignOff] = [ReferralStatus.AwaitingSignOff],
            [TriageStep.Link] = [ReferralStatus.Submitted, ReferralStatus.InTriage, ReferralStatus.AwaitingInformation, ReferralStatus.MultiAgencyChecks],
            [TriageStep.Close] = [ReferralStatus.OutcomeReady],
            [TriageStep.Withdraw] = [ReferralStatus.Submitted],
            [TriageStep.Allocate] = [ReferralStatus.OutcomeReady, ReferralStatus.Closed],
        };
        var data = new TheoryData<ReferralStatus, TriageStep, bool>();
        foreach (var status in Enum.GetValues<ReferralStatus>())
            foreach (var step in Enum.GetValues<TriageStep>())
                data.Add(status, step, allowed[step].Contains(status));
        return data;
    }

    [Theory, MemberData(nameof(Steps))]
    public void Each_step_is_allowed_only_from_its_states(ReferralStatus status, TriageStep step, bool allowed)
    {
        Assert.Equal(allowed, ReferralLifecycle.Allows(status, step));
        if (status == ReferralStatus.Decided) return; // passed through, never rested in: see Deciding_the_last_child_passes_through_decided

        var referral = In(status);
        Assert.Equal(status, referral.Status);
        var version = referral.Version;
        var attempt = Record.Exception(() => Take(referral, step));
        if (allowed)
        {
            Assert.Null(attempt);
            Assert.True(referral.Version > version);
        }
        else
        {
            Assert.Equal(status, Assert.IsType<ReferralStateException>(attempt).Current);
            Assert.Equal((status, version), (referral.Status, referral.Version));
        }
    }

    private static void Take(Referral referral, TriageStep step)
    {
        var child = referral.Contacts[0].Id;
        switch (step)
        {
            case TriageStep.Assign: referral.Assign(Manager, Manager, Now, mayReassign: true); break;
            case TriageStep.RequestInformation: referral.RequestInformation("Any other children?", Practitioner, Now); break;
            case TriageStep.AnswerInformation: referral.AnswerInformation(referral.InformationRequests.LastOrDefault()?.Id ?? Guid.Empty, "No.", Referrer, Now); break;
            case TriageStep.RateRag: referral.RateRag(RagRating.Red, "Injury seen.", Practitioner, Now, Now.AddHours(2)); break;
            case TriageStep.RecordCheck: referral.RecordCheck("Derbyshire Constabulary", "No police history.", Now, Practitioner, Now); break;
            case TriageStep.Decide: referral.Decide(child, EarlyHelp, Practitioner, Now, needsSignOff: false); break;
            case TriageStep.SignOff: referral.SignOff(child, SignOffResult.Agreed, null, null, Manager, Now); break;
            case TriageStep.Link: referral.LinkAsDuplicateOf(Submitted(), "Same incident.", Practitioner, Now); break;
            case TriageStep.Close: referral.Close(null, Practitioner, Now); break;
            case TriageStep.Withdraw: referral.Withdraw("Sent in error.", Referrer, Now); break;
            case TriageStep.Allocate: referral.Allocate(child, "Derby City Assessment Team 1", "Jo Social-Worker", Practitioner, Now); break;
        }
    }

    [Fact]
    public void Only_a_child_accepted_for_assessment_or_a_strategy_discussion_is_allocated()
    {
        var referral = Submitted(children: 2);
        referral.Assign(Practitioner, Practitioner, Now, mayReassign: false);
        referral.Decide(referral.Contacts[0].Id, Assessment, Practitioner, Now, needsSignOff: false);
        referral.Decide(referral.Contacts[1].Id, EarlyHelp, Practitioner, Now, needsSignOff: false);
        Assert.Equal(ReferralStatus.OutcomeReady, referral.Status);
        referral.Allocate(referral.Contacts[0].Id, "Derby City Assessment Team 1", "Jo Social-Worker", Practitioner, Now);
        Assert.Equal(("Derby City Assessment Team 1", "Jo Social-Worker"), (referral.Contacts[0].AllocatedTeam, referral.Contacts[0].AllocatedWorker));
        var version = referral.Version;
        Assert.Throws<TriageRuleException>(() => referral.Allocate(referral.Contacts[1].Id, "Early Help South", "Kim", Practitioner, Now));
        Assert.Equal((version, null), (referral.Version, referral.Contacts[1].AllocatedWorker));
    }

    [Fact]
    public void Each_step_lands_in_the_expected_state()
    {
        var referral = Submitted();
        referral.Assign(Practitioner, Practitioner, Now, mayReassign: false);
        Assert.Equal(ReferralStatus.InTriage, referral.Status);
        var request = referral.RequestInformation("Who lives at home?", Practitioner, Now);
        Assert.Equal(ReferralStatus.AwaitingInformation, referral.Status);
        referral.AnswerInformation(request.Id, "Mum and her partner.", Referrer, Now.AddHours(1));
        Assert.Equal((ReferralStatus.InTriage, "Mum and her partner."), (referral.Status, request.Answer));
        referral.RateRag(RagRating.Green, "Low risk.", Practitioner, Now, Now.AddHours(24));
        Assert.Equal(ReferralStatus.MultiAgencyChecks, referral.Status);
        referral.RateRag(RagRating.Amber, "Police history found.", Practitioner, Now, Now.AddHours(6));
        Assert.Equal((RagRating.Amber, 2), (referral.Rag, referral.RagRatings.Count));
        Assert.Equal(
            [null, ReferralStatus.Submitted, ReferralStatus.InTriage, ReferralStatus.AwaitingInformation, ReferralStatus.InTriage, ReferralStatus.MultiAgencyChecks],
            referral.Transitions.Select(t => t.From));
    }

    [Fact]
    public void Deciding_the_last_child_passes_through_decided_to_sign_off_then_outcome_ready()
    {
        var referral = Submitted(children: 2);
        referral.Assign(Practitioner, Practitioner, Now, mayReassign: false);
        referral.Decide(referral.Contacts[0].Id, EarlyHelp, Practitioner, Now, needsSignOff: true);
        Assert.Equal(ReferralStatus.InTriage, referral.Status);
        referral.Decide(referral.Contacts[1].Id, EarlyHelp with { Outcome = DecisionOutcome.NoFurtherAction }, Practitioner, Now, needsSignOff: false);
        Assert.Equal(ReferralStatus.AwaitingSignOff, referral.Status);
        Assert.Equal([ReferralStatus.Decided, ReferralStatus.AwaitingSignOff], referral.Transitions.TakeLast(2).Select(t => t.To));

        referral.SignOff(referral.Contacts[0].Id, SignOffResult.Agreed, "Agreed.", null, Manager, Now);
        Assert.Equal(ReferralStatus.OutcomeReady, referral.Status);
        Assert.Equal(Now, referral.OutcomeReadyAt);
    }

    [Fact]
    public void A_decision_without_sign_off_makes_the_outcome_ready_at_once()
    {
        var referral = In(ReferralStatus.InTriage);
        referral.Decide(referral.Contacts[0].Id, EarlyHelp, Manager, Now, needsSignOff: false);
        Assert.Equal([ReferralStatus.Decided, ReferralStatus.OutcomeReady], referral.Transitions.TakeLast(2).Select(t => t.To));
    }

    [Fact]
    public void An_override_keeps_both_decisions()
    {
        var referral = In(ReferralStatus.AwaitingSignOff);
        var child = referral.Contacts[0].Id;
        var replacement = Assessment with { Outcome = DecisionOutcome.StrategyDiscussion, ThresholdLevel = 4 };
        var current = referral.SignOff(child, SignOffResult.Overridden, "Injury pattern needs assessment.", replacement, Manager, Now);

        Assert.Equal((DecisionOutcome.StrategyDiscussion, DecisionState.Final, "mgr-1"), (current.Outcome, current.State, current.DecidedByUserId));
        var original = referral.Decisions.Single(d => d.Id == current.OverridesDecisionId);
        Assert.Equal((DecisionOutcome.SocialCareAssessment, DecisionState.Overridden, "Injury pattern needs assessment."), (original.Outcome, original.State, original.SignOffComment));
        Assert.Same(current, referral.CurrentDecision(child));
        Assert.Equal(ReferralStatus.OutcomeReady, referral.Status);
    }

    [Fact]
    public void Nobody_signs_off_their_own_decision_and_a_child_is_decided_once()
    {
        var referral = Submitted(children: 2);
        referral.Assign(Manager, Manager, Now, mayReassign: true);
        referral.Decide(referral.Contacts[0].Id, EarlyHelp, Manager, Now, needsSignOff: true);
        Assert.Throws<TriageRuleException>(() => referral.Decide(referral.Contacts[0].Id, EarlyHelp, Practitioner, Now, needsSignOff: true));
        referral.Decide(referral.Contacts[1].Id, EarlyHelp, Practitioner, Now, needsSignOff: false);
        Assert.Throws<NotThisPersonException>(() => referral.SignOff(referral.Contacts[0].Id, SignOffResult.Agreed, null, null, Manager, Now));
        Assert.Throws<TriageRuleException>(() => referral.SignOff(referral.Contacts[1].Id, SignOffResult.Agreed, null, null, new Actor("mgr-2", "B", "manager"), Now));
    }

    [Fact]
    public void A_practitioner_cannot_take_a_referral_someone_else_has_but_a_manager_can_reassign_it()
    {
        var referral = In(ReferralStatus.InTriage);
        var other = new Actor("prac-2", "Kim", "practitioner");
        Assert.Throws<TriageRuleException>(() => referral.Assign(other, other, Now, mayReassign: false));
        referral.Assign(other, Manager, Now, mayReassign: true);
        Assert.Equal(("prac-2", ReferralStatus.InTriage), (referral.AssignedToUserId, referral.Status));
        Assert.Equal("Assigned to Kim.", referral.Transitions[^1].Reason);
    }

    [Fact]
    public void Queue_priority_puts_a_child_not_safe_now_first_then_red_amber_green()
    {
        var referral = In(ReferralStatus.InTriage);
        Assert.Equal(Referral.QueuePriorityOf(false, null, false), referral.QueuePriority);
        referral.RateRag(RagRating.Red, "Injury.", Practitioner, Now, Now.AddHours(2));
        Assert.Equal(Referral.QueuePriorityOf(false, RagRating.Red, false), referral.QueuePriority);
        referral.RateRag(RagRating.Green, "Explained.", Practitioner, Now, Now.AddHours(24));
        Assert.Equal(Referral.QueuePriorityOf(false, RagRating.Green, false), referral.QueuePriority);
        Assert.True(Referral.QueuePriorityOf(false, RagRating.Red, false) < Referral.QueuePriorityOf(false, RagRating.Green, false));
    }

    [Fact]
    public void Overdue_means_past_due_and_still_waiting_for_a_decision()
    {
        var referral = In(ReferralStatus.InTriage);
        Assert.False(referral.IsDecisionOverdue(Now.AddHours(23)));
        Assert.True(referral.IsDecisionOverdue(Now.AddDays(1).AddMinutes(1)));
        referral.Decide(referral.Contacts[0].Id, EarlyHelp, Manager, Now, needsSignOff: false);
        Assert.False(referral.IsDecisionOverdue(Now.AddDays(2)));
    }
}
