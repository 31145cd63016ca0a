using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Data;
using Referrals.Api.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Referrals.Api.Common;

/// <summary>The thing asked for does not exist, or is not the caller's to see (which must look the same).</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found.");

/// <summary>A request that is well formed but refused: the same Idempotency-Key with another body, for instance.</summary>
public sealed class RefusedException(ProblemType type, string? detail = null, int? retryAfterSeconds = null)
    : Exception(detail ?? type.Explanation)
{
    public ProblemType Type { get; } = type;
    /// <summary>For a refusal that passes (busy, 503): when to try again, sent as Retry-After.</summary>
    public int? RetryAfterSeconds { get; } = retryAfterSeconds;
}

/// <summary>Maps every exception to an RFC 9457 problem response. Nothing reaches the client as a bare 500.</summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>The database is restarting or out of reach: nothing was stored (the transaction did not commit), so the client may retry.</summary>
    private ProblemDetails Unavailable(HttpContext context)
    {
        logger.LogWarning("Database unavailable at {Path}", context.Request.Path.Value);
        context.Response.Headers.RetryAfter = "5";
        return ProblemTypes.Unavailable.With("The database could not be reached. Nothing was stored. Try again in a few seconds.");
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException validation => WithErrors(
                (validation as InvalidFieldsException)?.Type ?? ProblemTypes.InvalidRequest, null, ErrorsByField(validation)),
            BadHttpRequestException bad => BadRequest(bad),
            NotFoundException notFound => ProblemTypes.NotFound.With(notFound.Message),
            ReferralStateException state => WithExtension(ProblemTypes.WrongState.With(state.Message),
                "currentState", JsonNamingPolicy.KebabCaseLower.ConvertName(state.Current.ToString())),
            TriageRuleException rule => ProblemTypes.TriageRule.With(rule.Message),
            NotThisPersonException person => ProblemTypes.Forbidden.With(person.Message),
            // Two changes based on the same version: the first committed, this one would overwrite it. The
            // version check in the UPDATE, or the unique place of the step in the history, catches it.
            DbUpdateException update when update is DbUpdateConcurrencyException || Database.IsUniqueViolation(update) =>
                ProblemTypes.ChangedSinceRead.With(null),
            RefusedException refused => Refused(context, refused),
            _ when Database.IsUnavailable(exception) => Unavailable(context),
            _ => null,
        };

        if (problem is null)
        {
            // Logged with its stack, each inner exception's too, but no message: exception messages can quote request content.
            logger.LogError("Unhandled {ExceptionType} at {Path}{NewLine}{StackTrace}", exception.GetType().Name, context.Request.Path.Value,
                Environment.NewLine, StackWithoutMessages(exception));
            problem = ProblemTypes.ServerError.With(null);
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.WriteProblemAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Refused(HttpContext context, RefusedException refused)
    {
        // Set here: the exception middleware clears the response's headers before the handler runs.
        if (refused.RetryAfterSeconds is { } seconds)
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return refused.Type.With(refused.Message);
    }

    private static ProblemDetails WithExtension(ProblemDetails problem, string name, object value)
    {
        problem.Extensions[name] = value;
        return problem;
    }

    /// <summary>A problem naming the fields at fault, each with what is wrong with it.</summary>
    public static HttpValidationProblemDetails WithErrors(ProblemType type, string? detail, IDictionary<string, string[]> errors) =>
        new(errors) { Type = type.Uri, Status = type.Status, Title = type.Title, Detail = detail ?? type.Explanation };

    private static string StackWithoutMessages(Exception exception)
    {
        var text = new StringBuilder();
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e != exception) text.AppendLine($"--- inner {e.GetType().FullName}");
            text.AppendLine(e.StackTrace);
        }
        return text.ToString();
    }

    private static ProblemDetails BadRequest(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            var field = JsonPathToField(json.Path);
            return WithErrors(ProblemTypes.UnreadableBody, $"Could not read the field '{field}'. Nothing was stored.", new Dictionary<string, string[]>
            {
                [field] = ["This value cannot be read: check its type, that it is an allowed value, and that the field belongs to the form."],
            });
        }
        // Minimal APIs say which parameter failed to bind: 'Failed to bind parameter "int? Limit" from "abc".'
        if (BindFailure().Match(bad.Message) is { Success: true } failure)
        {
            var field = FieldPath(failure.Groups["name"].Value);
            return WithErrors(ProblemTypes.UnreadableParameter, $"Could not read '{field}'.",
                new Dictionary<string, string[]> { [field] = ["This value is not of the expected type."] });
        }
        return bad.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => ProblemTypes.TooLarge.With(null),
            StatusCodes.Status415UnsupportedMediaType => ProblemTypes.UnsupportedMediaType.With(null),
            _ => ProblemTypes.ForStatus(bad.StatusCode).With(null),
        };
    }

    private static Dictionary<string, string[]> ErrorsByField(ValidationException validation) =>
        validation.Errors
            .GroupBy(e => FieldPath(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());

    /// <summary>"Children[1].NhsNumber" (a C# property path) becomes "children[1].nhsNumber" (the JSON path a client sent).</summary>
    public static string FieldPath(string propertyPath)
    {
        if (string.IsNullOrEmpty(propertyPath)) return "$";
        var result = new StringBuilder(propertyPath.Length);
        var startOfSegment = true;
        foreach (var c in propertyPath)
        {
            result.Append(startOfSegment ? char.ToLowerInvariant(c) : c);
            startOfSegment = c == '.';
        }
        return result.ToString();
    }

    [System.Text.RegularExpressions.GeneratedRegex("^Failed to bind parameter \"[^ \"]+ (?<name>[^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex BindFailure();

    private static string JsonPathToField(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.") ? path[2..] : path;
}

public static class ProblemSetup
{
    /// <summary>Writes the problem whatever the client's Accept named: one asking only for a PDF, say, still learns what went wrong, as RFC 9457 JSON.</summary>
    public static async ValueTask<bool> WriteProblemAsync(this IProblemDetailsService problems, ProblemDetailsContext context)
    {
        if (await problems.TryWriteAsync(context)) return true;
        context.HttpContext.Request.Headers.Accept = "application/problem+json";
        return await problems.TryWriteAsync(context);
    }

    /// <summary>Statuses set without an exception (401, 403, 404 for no route, 405) answered as problems too.</summary>
    public static IApplicationBuilder UseProblemStatusPages(this IApplicationBuilder app) =>
        app.UseStatusCodePages(async status =>
        {
            var problems = status.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteProblemAsync(new ProblemDetailsContext
            {
                HttpContext = status.HttpContext,
                ProblemDetails = ProblemTypes.ForStatus(status.HttpContext.Response.StatusCode).With(null),
            });
        });

    public static IServiceCollection AddProblemResponses(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Binding failures (bad JSON, wrong content type) throw, so the handler above answers them.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>Answers a problem from middleware, before any endpoint runs.</summary>
    public static async Task RefuseAsync(this HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status!.Value;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteProblemAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    /// <summary>
    /// Refuses, before anything reads it, a body larger than the limit or declared in a charset other than UTF-8,
    /// and a query value holding control characters or broken Unicode (PostgreSQL cannot compare text with NUL
    /// in it at all, so without this one engine would fail where the other answers).
    /// </summary>
    public static IApplicationBuilder UseRequestGuards(this IApplicationBuilder app, long maxBytes) =>
        app.Use(async (context, next) =>
        {
            // An endpoint may take more than the default (a document upload) and says so in its metadata.
            var allowed = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                ?? maxBytes;
            if (context.Request.ContentLength > allowed)
                throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            if (Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
                && mediaType.Charset.HasValue && !mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
                throw new BadHttpRequestException("Only UTF-8 is accepted.", StatusCodes.Status415UnsupportedMediaType);
            var unreadable = context.Request.Query.Where(q => q.Value.Any(v => v is not null && !Json.IsClean(v))).Select(q => q.Key).ToList();
            if (unreadable.Count > 0)
            {
                await context.RefuseAsync(ProblemExceptionHandler.WithErrors(ProblemTypes.UnreadableParameter,
                    $"Could not read '{string.Join("', '", unreadable)}'.",
                    unreadable.ToDictionary(name => name, _ => new[] { "This value holds control characters or broken Unicode." })));
                return;
            }
            var limit = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
            if (limit is { IsReadOnly: false }) limit.MaxRequestBodySize = allowed;
            await next();
        });
}
