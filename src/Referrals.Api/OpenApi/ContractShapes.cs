using System.Reflection;
using System.Text.Json;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Referrals.Api.OpenApi;

/// <summary>
/// What a generated client can rely on: a property the type cannot hold as null is always sent (the service writes
/// every non-null value and leaves out only nulls), so it is required; and since nulls are never written, and one
/// sent is read as left out, no property is nullable: an optional one is simply absent.
/// </summary>
public sealed class RequiredAndNullable : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties.Count: > 0 } shape || context.Type.IsEnum) return;
        // One per schema: the context caches as it goes and is not safe to share between documents built at once.
        var nullability = new NullabilityInfoContext();
        foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (!shape.Properties.TryGetValue(name, out var value)) continue;
            if (value is OpenApiSchema inline && inline.Type is { } type) inline.Type = type & ~JsonSchemaType.Null;
            if (!CanBeNull(property, nullability))
            {
                shape.Required ??= new HashSet<string>();
                shape.Required.Add(name);
            }
        }
    }

    private static bool CanBeNull(PropertyInfo property, NullabilityInfoContext nullability) =>
        Nullable.GetUnderlyingType(property.PropertyType) is not null
        || (!property.PropertyType.IsValueType && nullability.Create(property).ReadState != NullabilityState.NotNull);
}

/// <summary>
/// A query parameter taken as text but holding one of an enum's words (checked by the request's validator, so an
/// unknown word is a 422 naming it): the contract references the enum, with any extra words the parameter takes.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
public sealed class WordsOfAttribute(Type enumType, params string[] alsoAccepted) : Attribute
{
    public Type EnumType { get; } = enumType;
    public string[] AlsoAccepted { get; } = alsoAccepted;
}
