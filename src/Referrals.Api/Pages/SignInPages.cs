using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Referrals.Api.Auth;
using Referrals.Api.Features.ReferenceData;
using Referrals.Api.Pages.Components;
using static Referrals.Api.Pages.PageResults;

namespace Referrals.Api.Pages;

/// <summary>
/// Signing in and out of the pages. In production, with the council's identity provider (OpenID Connect); in
/// Development only, and only where Referrals 6's opt-in (a development signing key) is configured, a page to choose
/// a role and an agency. Anywhere else that page does not exist.
/// </summary>
public static class SignInPages
{
    public static void MapSignIn(this IEndpointRouteBuilder app, AuthOptions auth, IHostEnvironment environment)
    {
        var development = DevelopmentTokens.IsAllowed(auth, environment);
        // Open to anyone, but whoever is signed in is known from the session cookie: the antiforgery check of the
        // sign-out form compares its token with the user the page that holds it was made for.
        var pages = app.MapGroup("").AllowAnonymous()
            .WithMetadata(new AuthorizeAttribute { AuthenticationSchemes = PageSetup.CookieScheme }, new RequireAntiforgeryTokenAttribute())
            .AddEndpointFilter(AsPage).ExcludeFromDescription();

        pages.MapGet("/", () => Results.Redirect("/partner"));

        pages.MapGet("/sign-in", async (string? returnUrl, HttpContext context, IAuthenticationSchemeProvider schemes) =>
        {
            var back = LocalOrHome(returnUrl);
            if (await schemes.GetSchemeAsync(PageSetup.OidcScheme) is not null)
                return Results.Challenge(new AuthenticationProperties { RedirectUri = back }, [PageSetup.OidcScheme]);
            if (development) return Results.Redirect($"/sign-in/development?returnUrl={Uri.EscapeDataString(back)}");
            return Page<MessagePage>(new
            {
                Title = "Sign-in is not set up",
                Paragraphs = new[] { "This service has no identity provider configured for its pages (Pages:ClientId and Auth:Authority)." },
            }, StatusCodes.Status503ServiceUnavailable);
        });

        pages.MapGet(PageSetup.SignInFailedPath, () => Page<MessagePage>(new
        {
            Title = "You could not be signed in",
            Paragraphs = new[]
            {
                "The council's sign-in did not let you into this service. Your account may not have a role in it, or your " +
                "organisation may not be one of the partner agencies it lists.",
                "If you need to make a referral now, phone the First Contact Team. Ask your organisation's administrator to " +
                "set up your account.",
            },
            LinkHref = "/sign-in",
            LinkText = "Try signing in again",
        }, StatusCodes.Status403Forbidden));

        pages.MapPost("/sign-out", async (HttpContext context) =>
        {
            await context.SignOutAsync(PageSetup.CookieScheme);
            // Then at the identity provider, which sends the browser back through /sign-out/callback to /signed-out.
            return await PageSetup.EndsSessionAtProviderAsync(context)
                ? Results.SignOut(new AuthenticationProperties { RedirectUri = PageSetup.SignedOutPath }, [PageSetup.OidcScheme])
                : Results.Redirect(PageSetup.SignedOutPath);
        });

        // "?timeout=1" is where the page's timer sends an idle session. The session is ended here too, whatever the
        // server's clock says of it (a moment's difference would otherwise leave it open, and renewed by this request):
        // a page that says "signed out" must be true. Ending a session is the only thing this GET can do.
        pages.MapGet(PageSetup.SignedOutPath, async (string? timeout, HttpContext context) =>
        {
            var timedOut = timeout == "1";
            if (timedOut) await context.SignOutAsync(PageSetup.CookieScheme);
            return SignedOut(timedOut);
        });

        if (!development) return;

        pages.MapGet("/sign-in/development", (string? returnUrl, AgencyDirectory agencies) =>
            Page<SignInPage>(new { Agencies = Partners(agencies), ReturnUrl = LocalOrHome(returnUrl) }));

        pages.MapPost("/sign-in/development", async (HttpContext context, AgencyDirectory agencies) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var role = form["role"].ToString();
            var agency = form["agency"].ToString();
            var name = form["name"].ToString().Trim() is { Length: > 0 and <= 100 } given ? given : "Development user";
            var errors = new List<PageError>();
            if (!Roles.All.Contains(role)) errors.Add(new("role", "Choose a role"));
            else if (role == Roles.Referrer && !agencies.AcceptsReferrers(agency)) errors.Add(new("agency", "Choose a partner agency"));
            if (errors.Count > 0)
                return Page<SignInPage>(new { Agencies = Partners(agencies), ReturnUrl = LocalOrHome(form["returnUrl"]), Errors = errors },
                    StatusCodes.Status422UnprocessableEntity);
            // One user per role and agency, as the development tokens name them, so a draft is found again at the next sign-in.
            var subject = $"dev-{role}-{(role == Roles.Referrer ? agency : "council")}";
            await context.SignInAsync(PageSetup.CookieScheme, PageSetup.Session(subject, name, role, role == Roles.Referrer ? agency : null),
                new AuthenticationProperties { IsPersistent = false });
            return Results.Redirect(LocalOrHome(form["returnUrl"]));
        });
    }

    private static IResult SignedOut(bool timedOut) => Page<MessagePage>(new
    {
        Title = timedOut ? "You have been signed out" : "You have signed out",
        Paragraphs = timedOut
            ? new[] { "You were signed out because you did nothing for a while. What you saved is in your drafts." }
            : ["What you saved is in your drafts."],
        LinkHref = "/sign-in",
        LinkText = "Sign in again",
    });

    private static IReadOnlyList<Agency> Partners(AgencyDirectory agencies) =>
        agencies.All.Where(a => agencies.AcceptsReferrers(a.Code)).ToList();

    /// <summary>Where to go after signing in: a path on this service only, never another site (no open redirect).</summary>
    public static string LocalOrHome(string? url) =>
        url is { Length: > 1 and < 2000 } && url[0] == '/' && url[1] is not ('/' or '\\') && !url.Any(char.IsControl) ? url : "/partner";
}
