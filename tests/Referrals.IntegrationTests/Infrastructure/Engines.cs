using System.Reflection;
using Xunit.Sdk;

namespace Referrals.IntegrationTests.Infrastructure;

public enum Engine { Sqlite, Postgres }

/// <summary>Runs a theory on a real SQLite file.</summary>
public sealed class OnSqliteAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[Engine.Sqlite]];
}

/// <summary>
/// Runs a theory on a real PostgreSQL server named by REFERRALS_TEST_POSTGRES (an Npgsql connection string without a
/// database; each test app creates its own), or else on a private server the suite starts where PostgreSQL is
/// installed. Reported as skipped, with the reason, when there is neither.
/// </summary>
public sealed class OnPostgresAttribute : DataAttribute
{
    public const string Variable = "REFERRALS_TEST_POSTGRES";

    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : PrivatePostgres.ConnectionString;

    public OnPostgresAttribute()
    {
        if (ConnectionString is null)
            Skip = $"PostgreSQL not configured: set {Variable} (e.g. \"Host=127.0.0.1;Port=5433;Username=postgres\"; .ci/run does), " +
                   $"or install PostgreSQL so the tests start their own; here there is {PrivatePostgres.Reason}.";
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[Engine.Postgres]];
}
