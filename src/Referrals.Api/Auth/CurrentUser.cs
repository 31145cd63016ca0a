using System.Security.Claims;
using Referrals.Api.Domain;
using Microsoft.AspNetCore.Http;

namespace Referrals.Api.Auth;

/// <summary>Who is acting, always from the token's claims and never from a request body.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal Principal =>
        accessor.HttpContext?.User ?? throw new InvalidOperationException("No signed-in user outside a request.");

    public string Id => Principal.FindFirstValue(Claims.Subject) ?? "";
    public string Name => Principal.FindFirstValue(Claims.Name) ?? Id;
    public string Role => Roles.All.FirstOrDefault(Principal.IsInRole) ?? "";
    /// <summary>The referrer's agency; null for council staff.</summary>
    public string? AgencyCode => IsReferrer ? Principal.FindFirstValue(Claims.Agency) : null;
    public bool IsReferrer => Principal.IsInRole(Roles.Referrer);
    public bool IsFirstContactTeam => Roles.FirstContactTeam.Any(Principal.IsInRole);
    public bool IsManager => Principal.IsInRole(Roles.Manager);
    public Actor Actor => new(Id, Name, Role);
}
