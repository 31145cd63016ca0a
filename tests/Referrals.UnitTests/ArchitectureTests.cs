using System.Reflection;
using FluentValidation;
using NetArchTest.Rules;
using Referrals.Api.Common;

namespace Referrals.UnitTests;

public sealed class ArchitectureTests
{
    private static readonly Assembly Service = typeof(Mediation).Assembly;

    [Fact]
    public void Every_request_that_carries_data_has_a_validator()
    {
        var validated = Service.GetTypes()
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
            .Select(i => i.GetGenericArguments()[0])
            .ToHashSet();
        var missing = Mediation.RequestTypes(Service)
            .Where(t => t.GetProperties().Length > 0 && !validated.Contains(t))
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void The_domain_uses_no_framework_persistence_or_feature_types() =>
        Assert.Empty(Layers.DomainReachesOut(Service, "Referrals.Api"));

    [Fact]
    public void A_domain_type_reaching_for_ef_core_or_a_feature_is_caught() =>
        Assert.Equal(
            ["Referrals.UnitTests.Violations.Domain.ReferralThatSavesItself", "Referrals.UnitTests.Violations.Domain.ReferralThatReadsFigures"],
            Layers.DomainReachesOut(typeof(ArchitectureTests).Assembly, "Referrals.UnitTests.Violations"));
}

/// <summary>The layers' rules, over any assembly and root namespace, so a deliberate violation can prove they bite.</summary>
internal static class Layers
{
    /// <summary>What the domain may not know: frameworks, the database, and the service's other parts.</summary>
    private static readonly string[] OutsideTheDomain =
    [
        "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Microsoft.Extensions", "Microsoft.Data", "Npgsql", "MediatR",
        "FluentValidation",
    ];

    private static readonly string[] OtherParts = ["Data", "Features", "Auth", "Common", "OpenApi"];

    public static IReadOnlyList<string> DomainReachesOut(Assembly assembly, string root) =>
        Failing(Types.InAssembly(assembly).That().ResideInNamespace($"{root}.Domain").ShouldNot()
            .HaveDependencyOnAny([.. OutsideTheDomain, .. OtherParts.Select(p => $"{root}.{p}")]).GetResult());

    public static IReadOnlyList<string> Failing(TestResult result) =>
        (result.FailingTypeNames ?? []).Where(n => !n.Contains("<", StringComparison.Ordinal)).Distinct().ToList();
}
