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

namespace Referrals.Api.OpenApi;

/// <summary>Media types an operation's success can also be sent as (by Accept), besides its JSON, each with its example.</summary>
public sealed record OtherRepresentations(IReadOnlyDictionary<string, string> Examples);

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
        // Every operation can meet a missing or wrong token, a role it does not allow, and a database briefly out of reach.
        foreach (var status in problems.Concat([401, 403, 503]).Distinct().Order())
            endpoint = status is 400 or 422 ? endpoint.ProducesValidationProblem(status) : endpoint.ProducesProblem(status);
        return endpoint;
    }
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

/// <summary>Writes each operation's security requirement, roles, examples and problem examples into the document.</summary>
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
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = mediaType.StartsWith("text/") ? null : "binary" },
                    Example = System.Text.Json.Nodes.JsonValue.Create(example),
                };
        var contract = metadata.OfType<ContractMetadata>().LastOrDefault();
        if (contract is null) return;

        operation.Description = $"{operation.Description}\n\nRoles: {contract.Roles}.".Trim();
        if (contract.RequestExample is not null && operation.RequestBody?.Content is { } requestContent)
            foreach (var media in requestContent.Values) media.Example = JsonSerializer.SerializeToNode(contract.RequestExample, Json.Options);

        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response.Content is null) continue;
            foreach (var (mediaType, media) in response.Content)
            {
                if (!mediaType.Contains("json")) continue;
                media.Example = status.StartsWith('2')
                    ? contract.ResponseExample is null ? null : JsonSerializer.SerializeToNode(contract.ResponseExample, Json.Options)
                    : JsonSerializer.SerializeToNode(ProblemExample(int.Parse(status)), Json.Options);
            }
        }
    }

    private static object ProblemExample(int status) => status switch
    {
        400 => new { type = "https://tools.ietf.org/html/rfc9110#section-15.5.1", title = "The request body is not valid JSON for this operation.", status, detail = "Could not read the field 'children[0].gender'. Nothing was stored.", errors = new Dictionary<string, string[]> { ["children[0].gender"] = ["This value cannot be read: check its type, that it is an allowed value, and that the field belongs to the form."] }, traceId = ExampleTraceId },
        422 => new { type = "https://tools.ietf.org/html/rfc4918#section-11.2", title = "The referral has errors.", status, detail = "Correct the fields listed in errors and send it again. Nothing was stored.", errors = new Dictionary<string, string[]> { ["children[1].nhsNumber"] = ["An NHS number has 10 digits and a valid check digit; check it, or send \"not known\"."] }, traceId = ExampleTraceId },
        401 => Problem(status, "Unauthorized", "https://tools.ietf.org/html/rfc9110#section-15.5.2"),
        403 => Problem(status, "Forbidden", "https://tools.ietf.org/html/rfc9110#section-15.5.4"),
        404 => Problem(status, "Not found.", "https://tools.ietf.org/html/rfc9110#section-15.5.5"),
        409 => Problem(status, "The referral is not in a state that allows this.", "https://tools.ietf.org/html/rfc9110#section-15.5.10"),
        412 => Problem(status, "The referral has changed since you read it.", "https://tools.ietf.org/html/rfc9110#section-15.5.13"),
        428 => Problem(status, "If-Match is required.", "https://tools.ietf.org/html/rfc6585#section-3"),
        406 => Problem(status, "That format is not offered.", "https://tools.ietf.org/html/rfc9110#section-15.5.7"),
        429 => Problem(status, "Too many requests.", "https://tools.ietf.org/html/rfc6585#section-4"),
        503 => Problem(status, "The service is briefly unavailable.", "https://tools.ietf.org/html/rfc9110#section-15.6.4"),
        _ => Problem(status, "Error", "about:blank"),
    };

    private const string ExampleTraceId = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private static ProblemDetails Problem(int status, string title, string type) =>
        new() { Status = status, Title = title, Type = type, Extensions = { ["traceId"] = ExampleTraceId } };
}

/// <summary>Says what each group of operations is for, in the council's words.</summary>
public sealed class TagDescriptions : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context) =>
        document.Tags = new HashSet<OpenApiTag>
        {
            new() { Name = "Referrals", Description = "Submitting the standardised referral form, reading referrals and the copy of what was submitted, withdrawing." },
            new() { Name = "Triage", Description = "The First Contact Team's work: the queue, assignment, questions to the referrer, RAG and multi-agency checks, decisions per child, management sign-off, duplicates." },
            new() { Name = "Feedback", Description = "What the referring agency hears: the outcome per child, its feed of events, signed webhooks to its own system, e-mail notices, and for the First Contact Team whether it has heard." },
            new() { Name = "Performance figures", Description = "The fortnightly performance group's figures: volume, quality, outcomes and timeliness, by agency and more; aggregates only, with small counts suppressed for analysts." },
            new() { Name = "Reference data", Description = "Codes for filling in the form: agencies, concern categories, levels of need, risk levels, channels and the quality rubric." },
            new() { Name = "Audit", Description = "Who read or changed a referral, and when: for information governance." },
        };
}

public static class ContractSetup
{
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
                Description = "A JWT from the council's identity provider (development: `dotnet run --project src/Referrals.Api -- token --role <role>`).",
            });
            options.AddServer(new OpenApiServer { Url = "/", Description = "This service" });
            options.OperationFilter<ContractOperationFilter>();
            options.DocumentFilter<TagDescriptions>();
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
