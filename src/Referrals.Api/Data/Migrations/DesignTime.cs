using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace Referrals.Api.Data.Migrations;

/// <summary>
/// What `dotnet ef migrations add` works with: the model on SQLite (the file is never opened to add a migration), so
/// the snapshot carries SQLite's store types and the pending-changes check at start runs on SQLite.
/// </summary>
public sealed class DesignTimeContext : IDesignTimeDbContextFactory<ReferralsDbContext>
{
    public ReferralsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ReferralsDbContext>().UseSqlite("Data Source=design-time.db").Options, new SqliteWriteGate());
}

/// <summary>dotnet ef finds this in the service's assembly and uses its code generator for migrations.</summary>
public sealed class DesignTimeServices : IDesignTimeServices
{
    public void ConfigureDesignTimeServices(IServiceCollection services) =>
        services.AddSingleton<ICSharpMigrationOperationGenerator, EngineNeutralOperations>();
}

/// <summary>
/// Writes migrations that serve both engines, like the hand-written ones before them: no store type is named and no
/// provider's annotation kept, so SQLite and PostgreSQL each map the CLR types themselves (a Guid is uuid on
/// PostgreSQL, not SQLite's TEXT). The schema test migrates an empty database on each engine and compares it with the model.
/// </summary>
public sealed class EngineNeutralOperations(CSharpMigrationOperationGeneratorDependencies dependencies)
    : CSharpMigrationOperationGenerator(dependencies)
{
    private static readonly string[] ProviderPrefixes = ["Sqlite:", "Npgsql:"];

    public override void Generate(string builderName, IReadOnlyList<MigrationOperation> operations, IndentedStringBuilder builder)
    {
        foreach (var operation in operations) Neutralise(operation);
        base.Generate(builderName, operations, builder);
    }

    private static void Neutralise(MigrationOperation operation)
    {
        foreach (var name in operation.GetAnnotations().Select(a => a.Name).Where(n => ProviderPrefixes.Any(n.StartsWith)).ToList())
            operation.RemoveAnnotation(name);
        switch (operation)
        {
            case CreateTableOperation table:
                foreach (var column in table.Columns) Neutralise(column);
                break;
            case AlterColumnOperation altered:
                altered.ColumnType = null;
                altered.OldColumn.ColumnType = null;
                break;
            case ColumnOperation column:
                column.ColumnType = null;
                break;
        }
    }
}
