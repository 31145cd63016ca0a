using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Common;
using Referrals.Api.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Scalar.AspNetCore;

namespace Referrals.Api.OpenApi;

/// <summary>Media types an operation's success can also be sent as (by Accept), besides its JSON, each with its example.</summary>
public sealed record OtherRepresentations(IReadOnlyDictionary<string, string> Examples);

/// <summary>
/// An operation that takes a form upload, read by the handler itself. Declared here rather than with Accepts, which
/// would make routing answer 415 to a wrong content type before authorization could answer 401 or 403.
/// </summary>
public sealed record AcceptsUpload(Type Form);

/// <summary>What an endpoint promises in the contract beyond its types: who may call it and worked examples.</summary>
public sealed record ContractMetadata(string Roles, object? RequestExample, object? ResponseExample);

public static class Contract
{
    public const string DocumentName = "referrals.v1";
    public const string BearerScheme = "bearer";

    /// <summary>Declares an operation's contract: its name, summary, who may call it, examples and the problems it can answer.</summary>
    public static RouteHandlerBuilder Documented(this RouteHandlerBuilder endpoint, string name, string summary, string description,
        string roles, object? requestExample, object? responseExample, params int[] problems)
    {
        endpoint.WithName(name).WithSummary(summary).WithDescription(description)
            .WithMetadata(new ContractMetadata(roles, requestExample, responseExample));
        // Every operation can meet a query holding control characters (400), a missing or wrong token, a role it does not
        // allow, a fault of ours and a database briefly out of reach. Each is a Problem (ContractOperationFilter writes its
        // content): one shape, whatever the status.
        foreach (var status in problems.Concat([400, 401, 403, 500, 503]).Distinct().Order())
            endpoint = endpoint.Produces(status);
        return endpoint;
    }

    /// <summary>Declares response headers the operation's success sends beyond those every such answer has.</summary>
    public static TBuilder Sends<TBuilder>(this TBuilder endpoint, params string[] headers) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new SendsHeaders(headers));
}

/// <summary>Response headers an operation's success sends (see <see cref="ResponseHeaders"/>).</summary>
public sealed record SendsHeaders(string[] Names);

/// <summary>The response headers the service sends, said once for the contract.</summary>
public static class ResponseHeaders
{
    public const string ETag = "ETag", Location = "Location", RetryAfter = "Retry-After", IdempotentReplayed = "Idempotent-Replayed";

    public static readonly IReadOnlyDictionary<string, (string Description, bool Always, OpenApiSchema Schema)> All =
        new Dictionary<string, (string, bool, OpenApiSchema)>
        {
            [ETag] = ("The referral's version, quoted (\"7\"): send it back in If-Match with your next change.", true,
                new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^\"[0-9]+\"$" }),
            [Location] = ("Where the new resource is read.", true, new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" }),
            [RetryAfter] = ("Seconds to wait before trying again.", true, new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0" }),
            [IdempotentReplayed] = ("\"true\" when this answers an earlier request with the same Idempotency-Key and body: nothing new was stored.",
                false, new OpenApiSchema { Type = JsonSchemaType.String, Enum = [System.Text.Json.Nodes.JsonValue.Create("true")] }),
        };
}

/// <summary>
/// Answers that may be "not-known" besides their value (the form's converters: a level of need, a date of birth, an
/// age): the contract says both, so a generated client can send either.
/// </summary>
public sealed class NotKnownSchema : ISchemaFilter
{
    private static readonly System.Text.Json.Nodes.JsonNode NotKnown = System.Text.Json.Nodes.JsonValue.Create(NotKnownAnswer.Word);

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        var converter = context.MemberInfo?.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonConverterAttribute), true)
            .OfType<System.Text.Json.Serialization.JsonConverterAttribute>().FirstOrDefault()?.ConverterType;
        if (schema is not OpenApiSchema answer) return;
        OpenApiSchema? value = converter == typeof(LevelOfNeedOrNotKnown)
            ? new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = "4" }
            : converter == typeof(DateOrNotKnown) ? new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" }
            : converter == typeof(NumberOrNotKnown) ? new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" }
            : null;
        if (value is null) return;
        answer.Type = null;
        answer.Format = null;
        answer.Description = converter == typeof(LevelOfNeedOrNotKnown)
            ? "The level of need: 1 universal, 2 emerging needs, 3 intensive / complex needs, 4 specialist / child protection; " +
              "or \"not-known\" when the referrer cannot judge it."
            : "The value, or \"not-known\" (read as not given).";
        // anyOf, not oneOf: a validator that does not check formats would find "not-known" a string of both kinds.
        answer.AnyOf = [value, new OpenApiSchema { Type = JsonSchemaType.String, Enum = [NotKnown.DeepClone()] }];
    }
}

/// <summary>
/// Writes each operation's security requirement, roles, examples, problems, response headers and parameters into the
/// document: what the endpoint declares in types, said the way a generated client needs it.
/// </summary>
public sealed class ContractOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (!metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Contract.BearerScheme, context.Document)] = [] }];
        }
        foreach (var (mediaType, example) in metadata.OfType<OtherRepresentations>().SelectMany(o => o.Examples))
            if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse { Content: { } content })
                content[mediaType] = new OpenApiMediaType
                {
                    Schema = mediaType.StartsWith("text/")
                        ? new OpenApiSchema { Type = JsonSchemaType.String, Description = "The page, as text." }
                        : new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The document's bytes." },
                    Example = System.Text.Json.Nodes.JsonValue.Create(example),
                };
        if (metadata.OfType<AcceptsUpload>().LastOrDefault() is { } upload)
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["multipart/form-data"] = new() { Schema = context.SchemaGenerator.GenerateSchema(upload.Form, context.SchemaRepository) },
                },
            };
        DescribeParameters(operation, context);
        DescribeHeaders(operation, metadata);
        var contract = metadata.OfType<ContractMetadata>().LastOrDefault();
        if (contract is null) return;

        operation.Description = $"{operation.Description}\n\nRoles: {contract.Roles}.".Trim();
        if (contract.RequestExample is not null && operation.RequestBody?.Content is { } requestContent)
            foreach (var media in requestContent.Values) media.Example = JsonSerializer.SerializeToNode(contract.RequestExample, Json.Options);

        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (status.StartsWith('2'))
            {
                foreach (var (mediaType, media) in response.Content ?? new Dictionary<string, OpenApiMediaType>())
                    if (mediaType.Contains("json"))
                        media.Example = contract.ResponseExample is null ? null : JsonSerializer.SerializeToNode(contract.ResponseExample, Json.Options);
            }
            else if (response is OpenApiResponse problem)
            {
                var kinds = ProblemTypes.All.Where(t => t.Status.ToString() == status).ToList();
                problem.Description = kinds.Count == 0 ? "A problem." : $"A problem: {string.Join("; ", kinds.Select(k => $"{k.Uri} ({k.Title})"))}";
                problem.Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new()
                    {
                        Schema = new OpenApiSchemaReference(ProblemSchema.Name, context.Document),
                        Example = JsonSerializer.SerializeToNode(ProblemExample(int.Parse(status)), Json.Options),
                    },
                };
            }
        }
    }

    /// <summary>
    /// Query parameters in camelCase like every other name in the contract (binding ignores case), each taking an
    /// enum's words referencing that enum; If-Match required where its absence is refused (428).
    /// </summary>
    private static void DescribeParameters(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter.In == ParameterLocation.Header && parameter.Name == "If-Match" && operation.Responses?.ContainsKey("428") == true)
                parameter.Required = true;
            if (parameter.In != ParameterLocation.Query) continue;
            var described = context.ApiDescription.ParameterDescriptions.FirstOrDefault(p => p.Name == parameter.Name);
            parameter.Name = JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!);
            var words = (described?.ParameterDescriptor as Microsoft.AspNetCore.Mvc.Infrastructure.IParameterInfoParameterDescriptor)
                ?.ParameterInfo.GetCustomAttributes(typeof(WordsOfAttribute), true).OfType<WordsOfAttribute>().FirstOrDefault();
            if (words is null) continue;
            var reference = context.SchemaGenerator.GenerateSchema(words.EnumType, context.SchemaRepository);
            parameter.Schema = words.AlsoAccepted.Length == 0 ? reference : new OpenApiSchema
            {
                AnyOf = [reference, new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = words.AlsoAccepted.Select(w => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(w)).ToList(),
                }],
            };
        }
    }

    /// <summary>Location on every 201, Retry-After on every 429 and 503, and what the endpoint says its success sends.</summary>
    private static void DescribeHeaders(OpenApiOperation operation, IList<object> metadata)
    {
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse answer) continue;
            IEnumerable<string> names = status switch
            {
                "201" => [ResponseHeaders.Location, .. metadata.OfType<SendsHeaders>().SelectMany(h => h.Names)],
                "200" => metadata.OfType<SendsHeaders>().SelectMany(h => h.Names),
                "429" or "503" => [ResponseHeaders.RetryAfter],
                _ => [],
            };
            foreach (var name in names.Distinct())
            {
                var (description, always, schema) = ResponseHeaders.All[name];
                answer.Headers ??= new Dictionary<string, IOpenApiHeader>();
                answer.Headers[name] = new OpenApiHeader { Description = description, Required = always, Schema = schema.CreateShallowCopy() };
            }
        }
    }

    private static object ProblemExample(int status)
    {
        var type = ProblemTypes.ForStatus(status);
        var example = type.Status is 400 or 422
            ? (ProblemDetails)ProblemExceptionHandler.WithErrors(type, null, new Dictionary<string, string[]>
            {
                [status == 400 ? "limit" : "children[1].nhsNumber"] = [status == 400 ? "This value is not of the expected type."
                    : "An NHS number has 10 digits and a valid check digit; check it, or send \"not known\"."],
            })
            : type.With(null);
        example.Extensions["traceId"] = ExampleTraceId;
        return example;
    }

    private const string ExampleTraceId = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
}

/// <summary>The one shape of every problem the service answers (RFC 9457), with the kinds it can be.</summary>
public sealed class ProblemSchema : IDocumentFilter
{
    public const string Name = "Problem";

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var text = new OpenApiSchema { Type = JsonSchemaType.String };
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[Name] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An RFC 9457 problem. type names the kind of problem and resolves (relative to the service) to a page " +
                          "explaining it; title is the kind's, the same every time; detail says what happened this time.\n\n" +
                          string.Join("\n", ProblemTypes.All.Select(t => $"- `{t.Uri}` ({t.Status}): {t.Title} {t.Explanation}")),
            Required = new HashSet<string> { "type", "title", "status", "detail", "traceId" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String, Format = "uri-reference",
                    Enum = ProblemTypes.All.Select(t => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(t.Uri)).ToList(),
                },
                ["title"] = text,
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "400", Maximum = "599" },
                ["detail"] = text,
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
                ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Quote it to the service desk: it finds this request in the logs." },
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "With 400 and 422: each field or parameter at fault (its JSON path), with what is wrong with it.",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = text },
                },
                ["currentState"] = new OpenApiSchema
                {
                    Description = "With wrong-state: the referral's status now.",
                    AllOf = [new OpenApiSchemaReference("ReferralStatus", document)],
                },
            },
        };
    }
}

/// <summary>Says what each group of operations is for, in the council's words.</summary>
public sealed class TagDescriptions : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context) =>
        document.Tags = new HashSet<OpenApiTag>
        {
            new() { Name = "Referrals", Description = "Submitting the standardised referral form, reading referrals and the copy of what was submitted, withdrawing." },
            new() { Name = "Drafts", Description = "A referral being written: saved as its author goes, seen by its author alone, with the documents that will travel with it, submitted when ready." },
            new() { Name = "Triage", Description = "The First Contact Team's work: the queue, assignment, questions to the referrer, RAG and multi-agency checks, decisions per child, management sign-off, duplicates." },
            new() { Name = "Feedback", Description = "What the referring agency hears: the outcome per child, its feed of events, signed webhooks to its own system, e-mail notices, and for the First Contact Team whether it has heard." },
            new() { Name = "Performance figures", Description = "The fortnightly performance group's figures: volume, quality, outcomes and timeliness, by agency and more; aggregates only, with small counts suppressed for analysts." },
            new() { Name = "Reference data", Description = "Codes for filling in the form: agencies, concern categories, levels of need, risk levels, channels and the quality rubric." },
            new() { Name = "Inspection lists", Description = "The lists Ofsted asks for at inspection (Annex A), drawn from the front door's records." },
            new() { Name = "Audit", Description = "Who read or changed a referral, and when: for information governance." },
        };
}

public static partial class ContractSetup
{
    public const string ReferencePath = "/docs";

    /// <summary>
    /// The API reference page (Scalar), at /docs, drawn from the same document the service serves and the contract
    /// test holds. Everything it needs is served from here: its script is in the package, and its fonts, telemetry
    /// and request proxy (all elsewhere by default) are off, so a partner's browser talks only to this service.
    /// </summary>
    public static void MapApiReference(this WebApplication app)
    {
        // The page itself, not its script and icon files.
        app.UseWhen(context => context.Request.Path.StartsWithSegments(ReferencePath) && !Path.HasExtension(context.Request.Path.Value),
            page => page.Use(ReferencePagePolicy));
        app.MapScalarApiReference(ReferencePath, options => options
                .WithTitle("Referrals API reference")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .AddDocument(Contract.DocumentName, "Referrals v1", isDefault: true)
                .DisableDefaultFonts()
                .DisableTelemetry())
            .AllowAnonymous();
    }

    /// <summary>
    /// The page starts Scalar with one inline script; its Content-Security-Policy allows that script by its hash and
    /// nothing else inline, scripts and data from this service only (the rest of the API allows nothing at all).
    /// </summary>
    private static async Task ReferencePagePolicy(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        if (context.Response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true)
        {
            var page = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
            var hashes = InlineScript().Matches(page).Select(m =>
                $"'sha256-{Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(m.Groups[1].Value)))}'");
            context.Response.Headers.ContentSecurityPolicy =
                $"default-src 'none'; script-src 'self' {string.Join(' ', hashes)}; style-src 'self' 'unsafe-inline'; " +
                "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    [System.Text.RegularExpressions.GeneratedRegex("<script(?: type=\"module\")?>(.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex InlineScript();

    public static IServiceCollection AddContract(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(Contract.DocumentName, new OpenApiInfo
            {
                Title = "Referrals: children's services front door",
                Version = "1",
                Description = "Safeguarding referrals from partner agencies through one standardised form, triaged by the First Contact Team. " +
                              "Errors are RFC 9457 problem responses. Authenticate with a bearer JWT whose `role` claim is one of referrer, " +
                              "practitioner, manager, analyst or auditor; a referrer's token also carries its `agency` code.",
                License = new OpenApiLicense { Name = "Open Government Licence v3.0", Url = new Uri("https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/") },
                Contact = new OpenApiContact { Name = "First Contact Team service owner", Email = "referrals-service@example.gov.uk" },
            });
            options.AddSecurityDefinition(Contract.BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A JWT from the council's identity provider (development: `dotnet run --project src/Referrals.Api -- token --role <role>`). " +
                              "Tokens are checked as RFC8725 (JSON Web Token Best Current Practices) asks: a signature by the issuer's " +
                              "keys with the algorithms they name (never \"none\"), issuer and audience, an expiry and a limited lifetime, " +
                              "and claims of the expected shape.",
            });
            options.AddServer(new OpenApiServer
            {
                Url = "/",
                Description = "This service, in whichever environment serves this document (production, staging, or local development)",
                // For partner agencies' systems across the public sector network, not the public.
                Extensions = new Dictionary<string, IOpenApiExtension> { ["x-internal"] = new JsonNodeExtension(System.Text.Json.Nodes.JsonValue.Create(false)) },
            });
            options.OperationFilter<ContractOperationFilter>();
            options.DocumentFilter<TagDescriptions>();
            options.DocumentFilter<ProblemSchema>();
            options.SchemaFilter<RequiredAndNullable>();
            options.SchemaFilter<NotKnownSchema>();
            options.SupportNonNullableReferenceTypes();
            options.CustomSchemaIds(SchemaId);
        });
        return services;
    }

    /// <summary>Nested response types are named with their use case: SubmitReferral.Acknowledgement becomes SubmitReferralAcknowledgement.</summary>
    private static string SchemaId(Type type)
    {
        var name = type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`')]}Of{string.Join("And", type.GetGenericArguments().Select(SchemaId))}" : type.Name;
        return type.DeclaringType is { } outer ? SchemaId(outer) + name : name;
    }
}
