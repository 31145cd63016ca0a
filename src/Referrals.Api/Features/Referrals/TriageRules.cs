using Referrals.Api.Common;

namespace Referrals.Api.Features.Referrals;

/// <summary>The shared refusal when a role may call an operation but not do this with it.</summary>
[Seam]
public static class TriageRules
{
    public static RefusedException Forbidden(string detail) =>
        new(ProblemTypes.Forbidden, detail);
}
