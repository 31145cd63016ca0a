using FluentValidation;
using Referrals.Api.Common;

namespace Referrals.UnitTests;

public sealed class ArchitectureTests
{
    [Fact]
    public void Every_request_that_carries_data_has_a_validator()
    {
        var assembly = typeof(Mediation).Assembly;
        var validated = assembly.GetTypes()
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
            .Select(i => i.GetGenericArguments()[0])
            .ToHashSet();
        var missing = Mediation.RequestTypes(assembly)
            .Where(t => t.GetProperties().Length > 0 && !validated.Contains(t))
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(missing);
    }
}
