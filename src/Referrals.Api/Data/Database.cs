using Referrals.Api.Common;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Referrals.Api.Data;

public enum DatabaseProvider { Sqlite, Postgres }

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    /// <summary>For SQLite, a relative Data Source is placed under the content root.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/referrals.db";
}

public static class Database
{
    public static IServiceCollection AddReferralsDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = options.Provider == DatabaseProvider.Sqlite
            ? SqliteInContentRoot(options.ConnectionString, contentRoot)
            : options.ConnectionString;

        // One per database the process writes to, shared by every context on it (idle on PostgreSQL).
        var writeGate = new SqliteWriteGate();
        services.AddSingleton(writeGate);
        services.AddSingleton(provider => new SqliteCommitGroups(writeGate, provider.GetRequiredService<ServiceMetrics>()));
        services.AddDbContext<ReferralsDbContext>((provider, db) =>
        {
            if (options.Provider == DatabaseProvider.Sqlite)
                db.UseSqlite(connectionString).AddInterceptors(new SqliteDurability(), writeGate);
            else
                db.UseNpgsql(connectionString);
            // The interceptors the composition registers (a feature's rule over its own table, such as the audit trail's).
            db.AddInterceptors(provider.GetServices<IInterceptor>());
            // The model snapshot carries SQLite's store types (migrations are generated on SQLite, without them: see
            // Data/Migrations/DesignTime.cs), so EF Core's check that no model change lacks a migration runs on SQLite,
            // where it stops the service at start; on PostgreSQL every type would differ, and the schema test proves it.
            // A lost race (a version check or a unique key that another request won) is an expected 412, not a fault: EF
            // Core's own error lines for it are lowered. A save that fails for any other reason still reaches the
            // exception handler, which logs it as an error with its stack (a 500) or as the database being away (a 503).
            db.ConfigureWarnings(w => (options.Provider == DatabaseProvider.Sqlite ? w : w.Ignore(RelationalEventId.PendingModelChangesWarning))
                .Log((RelationalEventId.CommandError, LogLevel.Information), (CoreEventId.SaveChangesFailed, LogLevel.Information)));
        });
        return services;
    }

    /// <summary>Applies migrations at start. Safe with several instances: EF takes a migration lock.</summary>
    public static void Migrate(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();
        if (db.Database.IsSqlite())
        {
            var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            db.Database.OpenConnection();
            // WAL is a property of the file, set once; synchronous is per connection (SqliteDurability).
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
            db.Database.CloseConnection();
        }
        db.Database.Migrate();
    }

    private static string SqliteInContentRoot(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!Path.IsPathRooted(builder.DataSource) && builder.DataSource != ":memory:")
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        return builder.ToString();
    }

    /// <summary>
    /// True when the database could not be reached or is briefly unable to answer (a restart, a lost connection, a
    /// file that cannot be opened or is locked past the timeout): the request may succeed if sent again shortly.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is NpgsqlException { IsTransient: true } || e is SqliteException { SqliteErrorCode: 5 or 6 or 10 or 14 }) // BUSY, LOCKED, IOERR, CANTOPEN
                return true;
        return false;
    }

    /// <summary>True when a write failed on a unique key (two requests racing to insert the same row).</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19, // SQLITE_CONSTRAINT
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>
    /// A 201 must survive power loss, not only a crash: in WAL mode SQLite's default NORMAL syncs
    /// only at checkpoints, so every connection is set to FULL, which syncs the WAL on each commit.
    /// </summary>
    internal const string SqlitePragmas = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";

    private sealed class SqliteDurability : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = SqlitePragmas;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = SqlitePragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
