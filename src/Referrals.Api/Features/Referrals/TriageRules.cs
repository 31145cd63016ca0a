using Referrals.Api.Common;
using Microsoft.AspNetCore.Http;

namespace Referrals.Api.Features.Referrals;

/// <summary>The shared refusal when a role may call an operation but not do this with it.</summary>
[Seam]
public static class TriageRules
{
    public static RefusedException Forbidden(string detail) =>
        new(StatusCodes.Status403Forbidden, "Your role does not allow this.", detail);
}
