using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Components;
using Referrals.Api.Common;
using Referrals.Api.Pages.Components;

namespace Referrals.Api.Pages;

/// <summary>How the pages answer: a component rendered on the server, and what a refusal from a use case looks like on a page.</summary>
public static class PageResults
{
    public static IResult Page<TPage>(object parameters, int status = StatusCodes.Status200OK) where TPage : IComponent =>
        new RazorComponentResult<TPage>(parameters) { StatusCode = status };

    public static IResult NotFound() => Page<MessagePage>(new
    {
        Title = "Page not found",
        Paragraphs = new[] { "If you typed the web address, check it is correct.", "A draft is deleted when it is sent, when you delete it, or when it has not been saved for a while." },
        LinkHref = "/partner",
        LinkText = "Go to your referrals",
    }, StatusCodes.Status404NotFound);

    /// <summary>A use case's refusal, as errors a page shows beside the questions they are about.</summary>
    public static List<PageError> Errors(ValidationException refused) =>
        refused.Errors.Select(e => new PageError(ProblemExceptionHandler.FieldPath(e.PropertyName), e.ErrorMessage)).ToList();

    /// <summary>
    /// Every page: its own Content-Security-Policy (no inline script, nothing from elsewhere), never cached, and a page
    /// rather than a problem document when what was asked for is not there.
    /// </summary>
    public static async ValueTask<object?> AsPage(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = PageSetup.ContentSecurityPolicy;
        headers.CacheControl = "no-store";
        // The antiforgery middleware records its finding; a page's post goes no further without a valid token.
        if (!HttpMethods.IsGet(context.HttpContext.Request.Method)
            && context.HttpContext.Features.Get<Microsoft.AspNetCore.Antiforgery.IAntiforgeryValidationFeature>() is not { IsValid: true })
            return Page<MessagePage>(new
            {
                Title = "Sorry, this page has expired",
                Paragraphs = new[] { "Go back, refresh the page and try again. Nothing was changed." },
                LinkHref = "/partner",
                LinkText = "Go to your referrals",
            }, StatusCodes.Status400BadRequest);
        try
        {
            return await next(context);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }
}
