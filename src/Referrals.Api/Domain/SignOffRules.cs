namespace Referrals.Api.Domain;

/// <summary>
/// Which decisions a manager must sign off: configuration (Triage:SignOff), since councils differ.
/// The default is every decision, except one a manager records (that is already management oversight).
/// </summary>
public sealed class SignOffRules
{
    /// <summary>Outcome codes (as the API writes them) that need sign-off; unset means all.</summary>
    public List<string>? Outcomes { get; set; }
    /// <summary>Roles whose decisions need no sign-off; unset means managers.</summary>
    public List<string>? ExemptRoles { get; set; }

    public bool Require(DecisionOutcome outcome, string deciderRole) =>
        (Outcomes is null || Outcomes.Contains(EnumWords.Of(outcome), StringComparer.Ordinal))
        && !(ExemptRoles ?? ["manager"]).Contains(deciderRole, StringComparer.Ordinal);

    /// <summary>Refuses at start-up a rule naming an outcome that does not exist, rather than silently skipping oversight.</summary>
    public SignOffRules Checked()
    {
        var unknown = (Outcomes ?? []).Where(o => !EnumWords.TryParse<DecisionOutcome>(o, out _)).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException($"Triage:SignOff:Outcomes names unknown outcomes: {string.Join(", ", unknown)}.");
        return this;
    }
}
