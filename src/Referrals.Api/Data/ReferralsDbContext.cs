using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Data.Saving;
using Referrals.Api.Domain;

namespace Referrals.Api.Data;

/// <summary>
/// The referral's tables and Data's own. A feature's tables are its own (MetricsTables, FeedbackTables...), configured
/// beside their rows; what a save writes besides the changes is UnitOfWork's.
/// </summary>
public sealed class ReferralsDbContext(DbContextOptions<ReferralsDbContext> options, SqliteWriteGate writeGate) : DbContext(options),
    IDataProtectionKeyContext
{
    /// <summary>
    /// The keys that protect sign-in cookies and antiforgery tokens, shared by every instance of the service through
    /// the database, so a partner's session and form work whichever instance the load balancer sends them to.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<ReferralConcern> ReferralConcerns => Set<ReferralConcern>();
    public DbSet<ReferralTransition> ReferralTransitions => Set<ReferralTransition>();
    public DbSet<InformationRequest> InformationRequests => Set<InformationRequest>();
    public DbSet<RagRatingEntry> RagRatings => Set<RagRatingEntry>();
    public DbSet<AgencyCheck> AgencyChecks => Set<AgencyCheck>();
    public DbSet<ChildDecision> ChildDecisions => Set<ChildDecision>();
    public DbSet<ReferenceCounter> ReferenceCounters => Set<ReferenceCounter>();
    public DbSet<FeedbackEvent> FeedbackEvents => Set<FeedbackEvent>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // Instants are stored as UTC DateTime: PostgreSQL's timestamptz takes only UTC, and SQLite
        // cannot compare or order DateTimeOffset text, whereas UTC DateTime text sorts correctly.
        builder.Properties<DateTimeOffset>().HaveConversion<UtcInstantConverter>();
    }

    // Each table's configuration is a class of its own beside the rows it configures (IEntityTypeConfiguration): the
    // referral's tables under Data/Configurations, a feature's own tables in the feature.
    protected override void OnModelCreating(ModelBuilder model) =>
        model.ApplyConfigurationsFromAssembly(typeof(ReferralsDbContext).Assembly);

    /// <summary>
    /// Changes to referrals, and the events they raise, are saved only through UnitOfWork, which writes their contact facts,
    /// figures, outbox and reference with them: a save that bypassed it would leave the figures and the feed behind.
    /// </summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseChangesToReferrals();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseChangesToReferrals();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>The unit of work's own write of the tracked rows, with its steps around it.</summary>
    internal Task<int> WriteRowsAsync(CancellationToken cancellationToken) => base.SaveChangesAsync(true, cancellationToken);

    private void RefuseChangesToReferrals()
    {
        if (ChangesToSave.In(this).TouchReferrals)
            throw new InvalidOperationException("Changes to referrals are saved through UnitOfWork, which writes their figures and events.");
    }

    // Disposing rolls back a transaction left open (a failed or cancelled request); only then may the next writer go.
    public override void Dispose()
    {
        try
        {
            base.Dispose();
        }
        finally
        {
            writeGate.Release(this);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            writeGate.Release(this);
        }
    }

    private sealed class UtcInstantConverter() : ValueConverter<DateTimeOffset, DateTime>(
        v => v.UtcDateTime,
        v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)));
}
