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
            Layers.DomainReachesOut(Violations, "Referrals.UnitTests.Violations"));

    [Fact]
    public void Data_uses_no_feature() => Assert.Empty(Layers.DataReachesFeatures(Service, "Referrals.Api"));

    [Fact]
    public void A_data_type_reaching_for_a_feature_is_caught() =>
        Assert.Equal(["Referrals.UnitTests.Violations.Data.ContextThatSummarises"], Layers.DataReachesFeatures(Violations, "Referrals.UnitTests.Violations"));

    [Fact]
    public void Features_use_each_other_only_through_their_seams() => Assert.Empty(Layers.FeaturesCrossing(Service, "Referrals.Api"));

    [Fact]
    public void A_feature_using_another_features_own_type_is_caught_and_one_using_its_seam_is_not() =>
        Assert.Equal(["Triage -> Metrics: Referrals.UnitTests.Violations.Features.Triage.QueueThatCountsRows"],
            Layers.FeaturesCrossing(Violations, "Referrals.UnitTests.Violations"));

    [Fact]
    public void Transactions_begin_in_one_place()
    {
        // Transactions.InTransactionAsync for every save, and the SQLite commit groups' own connection for shared commits.
        var source = Path.Combine(RepositoryRoot(), "src", "Referrals.Api");
        var beginning = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("BeginTransaction", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(source, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);
        Assert.Equal(["Data/Saving/Transactions.cs", "Data/SqliteCommitGroups.cs"], beginning);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Referrals.sln"))) return folder.FullName;
        throw new InvalidOperationException("The tests run inside the repository.");
    }

    private static readonly Assembly Violations = typeof(ArchitectureTests).Assembly;
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

    public static IReadOnlyList<string> DataReachesFeatures(Assembly assembly, string root) =>
        Failing(Types.InAssembly(assembly).That().ResideInNamespaceStartingWith($"{root}.Data").ShouldNot()
            .HaveDependencyOn($"{root}.Features").GetResult());

    /// <summary>
    /// Each feature's use of another's types other than its seams (SeamAttribute), as "from -> to: type". A seam's own
    /// nested types (a use case's response) come with it.
    /// </summary>
    public static IReadOnlyList<string> FeaturesCrossing(Assembly assembly, string root)
    {
        var prefix = $"{root}.Features.";
        var features = assembly.GetTypes().Where(t => t.Namespace?.StartsWith(prefix, StringComparison.Ordinal) == true)
            .GroupBy(t => t.Namespace![prefix.Length..].Split('.')[0]).ToDictionary(g => g.Key, g => g.ToList());
        var crossings = new List<string>();
        foreach (var (from, _) in features)
        foreach (var (to, types) in features.Where(f => f.Key != from))
        {
            var own = types.Where(t => !t.IsNested && !t.IsDefined(typeof(SeamAttribute), inherit: false)
                && !t.Name.Contains('<', StringComparison.Ordinal)).Select(t => t.FullName!).ToArray();
            if (own.Length == 0) continue;
            var result = Types.InAssembly(assembly).That().ResideInNamespaceStartingWith(prefix + from).ShouldNot()
                .HaveDependencyOnAny(own).GetResult();
            crossings.AddRange(Failing(result).Select(t => $"{from} -> {to}: {t}"));
        }
        return crossings;
    }

    public static IReadOnlyList<string> Failing(TestResult result) =>
        (result.FailingTypeNames ?? []).Where(n => !n.Contains("<", StringComparison.Ordinal)).Distinct().ToList();
}
