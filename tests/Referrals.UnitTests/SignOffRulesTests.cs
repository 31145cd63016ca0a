using Referrals.Api.Domain;

namespace Referrals.UnitTests;

public sealed class SignOffRulesTests
{
    [Fact]
    public void By_default_every_decision_needs_sign_off_except_a_managers()
    {
        var rules = new SignOffRules().Checked();
        Assert.All(Enum.GetValues<DecisionOutcome>(), outcome =>
        {
            Assert.True(rules.Require(outcome, "practitioner"));
            Assert.False(rules.Require(outcome, "manager"));
        });
    }

    [Fact]
    public void A_council_can_require_sign_off_for_some_outcomes_only_and_for_everyone()
    {
        var rules = new SignOffRules { Outcomes = ["no-further-action", "strategy-discussion"], ExemptRoles = [] }.Checked();
        Assert.True(rules.Require(DecisionOutcome.NoFurtherAction, "practitioner"));
        Assert.True(rules.Require(DecisionOutcome.StrategyDiscussion, "manager"));
        Assert.False(rules.Require(DecisionOutcome.EarlyHelp, "practitioner"));
    }

    [Fact]
    public void A_rule_naming_an_unknown_outcome_stops_the_service_starting() =>
        Assert.Throws<InvalidOperationException>(() => new SignOffRules { Outcomes = ["section-17"] }.Checked());

    [Fact]
    public void Rag_targets_default_to_two_six_and_twenty_four_hours()
    {
        var targets = new RagTargets();
        Assert.Equal([TimeSpan.FromHours(2), TimeSpan.FromHours(6), TimeSpan.FromHours(24)],
            new[] { RagRating.Red, RagRating.Amber, RagRating.Green }.Select(targets.For));
    }
}
