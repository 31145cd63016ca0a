using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Referrals.Api.Features.Feedback;
using Referrals.Api.Features.Metrics;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Common;
using Referrals.Api.Domain;

namespace Referrals.Api.Data;

public sealed class ReferralsDbContext(
    DbContextOptions<ReferralsDbContext> options, FeedbackOutbox outbox, ContactFactsWriter facts, SqliteWriteGate writeGate, SqliteCommitGroups commitGroups)
    : DbContext(options)
{
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<ReferralConcern> ReferralConcerns => Set<ReferralConcern>();
    public DbSet<ReferralTransition> ReferralTransitions => Set<ReferralTransition>();
    public DbSet<InformationRequest> InformationRequests => Set<InformationRequest>();
    public DbSet<RagRatingEntry> RagRatings => Set<RagRatingEntry>();
    public DbSet<AgencyCheck> AgencyChecks => Set<AgencyCheck>();
    public DbSet<ChildDecision> ChildDecisions => Set<ChildDecision>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<ReferenceCounter> ReferenceCounters => Set<ReferenceCounter>();
    public DbSet<FeedbackEvent> FeedbackEvents => Set<FeedbackEvent>();
    public DbSet<FeedbackCounter> FeedbackCounters => Set<FeedbackCounter>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<FeedbackDelivery> FeedbackDeliveries => Set<FeedbackDelivery>();
    public DbSet<ContactFact> ContactFacts => Set<ContactFact>();
    public DbSet<FortnightFigures> FortnightFigures => Set<FortnightFigures>();
    public DbSet<PeriodFigures> PeriodFigures => Set<PeriodFigures>();
    public DbSet<TotalsRevision> TotalsRevisions => Set<TotalsRevision>();
    public DbSet<FortnightChild> FortnightChildren => Set<FortnightChild>();
    public DbSet<KnownChildId> KnownChildIds => Set<KnownChildId>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // Instants are stored as UTC DateTime: PostgreSQL's timestamptz takes only UTC, and SQLite
        // cannot compare or order DateTimeOffset text, whereas UTC DateTime text sorts correctly.
        builder.Properties<DateTimeOffset>().HaveConversion<UtcInstantConverter>();
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Referral>(e =>
        {
            e.HasKey(r => r.Id);
            e.Property(r => r.Reference).HasMaxLength(FieldLimits.Reference);
            e.HasIndex(r => r.Reference).IsUnique();
            e.Property(r => r.AgencyCode).HasMaxLength(FieldLimits.Code);
            e.Property(r => r.Channel).HasConversion<string>().HasMaxLength(FieldLimits.Code);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(FieldLimits.Code);
            e.Property(r => r.Risk).HasConversion<string>().HasMaxLength(FieldLimits.Code);
            e.Property(r => r.SubmittedByUserId).HasMaxLength(FieldLimits.UserId);
            e.Property(r => r.SubmittedByName).HasMaxLength(FieldLimits.Name);
            e.Property(r => r.SubmittedByRole).HasMaxLength(FieldLimits.Code);
            e.Property(r => r.ReferrerName).HasMaxLength(FieldLimits.Name);
            e.Property(r => r.RubricVersion).HasMaxLength(FieldLimits.Code);
            e.Property(r => r.WithdrawalReason).HasMaxLength(FieldLimits.Reason);
            e.Property(r => r.AssignedToUserId).HasMaxLength(FieldLimits.UserId);
            e.Property(r => r.AssignedToName).HasMaxLength(FieldLimits.Name);
            e.Property(r => r.Rag).HasConversion<string>().HasMaxLength(FieldLimits.Code);
            e.Property(r => r.OutcomeReadByUserId).HasMaxLength(FieldLimits.UserId);
            e.Property(r => r.OutcomeReadByName).HasMaxLength(FieldLimits.Name);
            e.Property(r => r.Version).IsConcurrencyToken();
            e.Ignore(r => r.SubmittedForm);
            e.Ignore(r => r.SubmittedQuality);
            e.HasIndex(r => new { r.AgencyCode, r.ReceivedAt });
            e.HasIndex(r => r.ReceivedAt);
            // The triage queue's order, so it pages from an index.
            e.HasIndex(r => new { r.Status, r.QueuePriority, r.DecisionDueAt, r.Reference });
            e.HasIndex(r => r.AssignedToUserId);
            e.HasMany(r => r.Contacts).WithOne().HasForeignKey(c => c.ReferralId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(r => r.Concerns).WithOne().HasForeignKey(c => c.ReferralId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(r => r.Transitions).WithOne().HasForeignKey(t => t.ReferralId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(r => r.InformationRequests).WithOne().HasForeignKey(t => t.ReferralId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(r => r.RagRatings).WithOne().HasForeignKey(t => t.ReferralId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(r => r.Checks).WithOne().HasForeignKey(t => t.ReferralId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(r => r.Decisions).WithOne().HasForeignKey(t => t.ReferralId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(r => r.FeedbackEvents).WithOne().HasForeignKey(t => t.ReferralId).OnDelete(DeleteBehavior.Restrict);
            foreach (var navigation in new[] { "Contacts", "Concerns", "Transitions", "InformationRequests", "RagRatings", "Checks", "Decisions", "FeedbackEvents" })
                e.Navigation(navigation).UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        model.Entity<ReferralTransition>(e =>
        {
            e.HasKey(t => t.Id);
            // Ids are made in the domain; a new row added to a loaded referral must be inserted, not updated.
            e.Property(t => t.Id).ValueGeneratedNever();
            e.Property(t => t.From).HasConversion<string>().HasMaxLength(FieldLimits.Code);
            e.Property(t => t.To).HasConversion<string>().HasMaxLength(FieldLimits.Code);
            e.Property(t => t.ByUserId).HasMaxLength(FieldLimits.UserId);
            e.Property(t => t.ByName).HasMaxLength(FieldLimits.Name);
            e.Property(t => t.ByRole).HasMaxLength(FieldLimits.Code);
            e.Property(t => t.Reason).HasMaxLength(FieldLimits.Reason);
            // One step per place in the history: a second writer at the same place cannot commit.
            e.HasIndex(t => new { t.ReferralId, t.Sequence }).IsUnique();
        });

        model.Entity<InformationRequest>(e =>
        {
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).ValueGeneratedNever();
            e.Property(r => r.Questions).HasMaxLength(FieldLimits.Narrative);
            e.Property(r => r.AskedByUserId).HasMaxLength(FieldLimits.UserId);
            e.Property(r => r.AskedByName).HasMaxLength(FieldLimits.Name);
            e.Property(r => r.Answer).HasMaxLength(FieldLimits.Narrative);
            e.Property(r => r.AnsweredByUserId).HasMaxLength(FieldLimits.UserId);
            e.Property(r => r.AnsweredByName).HasMaxLength(FieldLimits.Name);
            e.HasIndex(r => r.ReferralId);
        });

        model.Entity<RagRatingEntry>(e =>
        {
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).ValueGeneratedNever();
            e.Property(r => r.Rating).HasConversion<string>().HasMaxLength(FieldLimits.Code);
            e.Property(r => r.Reason).HasMaxLength(FieldLimits.Reason);
            e.Property(r => r.RatedByUserId).HasMaxLength(FieldLimits.UserId);
            e.Property(r => r.RatedByName).HasMaxLength(FieldLimits.Name);
            e.HasIndex(r => r.ReferralId);
        });

        model.Entity<AgencyCheck>(e =>
        {
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).ValueGeneratedNever();
            e.Property(c => c.Agency).HasMaxLength(FieldLimits.ShortText);
            e.Property(c => c.Shared).HasMaxLength(FieldLimits.Narrative);
            e.Property(c => c.RecordedByUserId).HasMaxLength(FieldLimits.UserId);
            e.Property(c => c.RecordedByName).HasMaxLength(FieldLimits.Name);
            e.HasIndex(c => c.ReferralId);
        });

        model.Entity<ChildDecision>(e =>
        {
            e.HasKey(d => d.Id);
            e.Property(d => d.Id).ValueGeneratedNever();
            e.Property(d => d.Outcome).HasConversion<string>().HasMaxLength(FieldLimits.Code);
            e.Property(d => d.Rationale).HasMaxLength(FieldLimits.Narrative);
            e.Property(d => d.FeedbackToReferrer).HasMaxLength(FieldLimits.Narrative);
            e.Property(d => d.OtherSupport).HasMaxLength(FieldLimits.Narrative);
            e.Property(d => d.QualityRating).HasConversion<string>().HasMaxLength(FieldLimits.Code);
            e.Property(d => d.QualityReasons).HasMaxLength(FieldLimits.ShortText * 3);
            e.Property(d => d.PrimaryNeed).HasMaxLength(2);
            e.Property(d => d.Team).HasMaxLength(FieldLimits.ShortText);
            e.Property(d => d.DecidedByUserId).HasMaxLength(FieldLimits.UserId);
            e.Property(d => d.DecidedByName).HasMaxLength(FieldLimits.Name);
            e.Property(d => d.DecidedByRole).HasMaxLength(FieldLimits.Code);
            e.Property(d => d.State).HasConversion<string>().HasMaxLength(FieldLimits.Code);
            e.Property(d => d.SignedOffByUserId).HasMaxLength(FieldLimits.UserId);
            e.Property(d => d.SignedOffByName).HasMaxLength(FieldLimits.Name);
            e.Property(d => d.SignOffComment).HasMaxLength(FieldLimits.Reason);
            e.Ignore(d => d.Reasons);
            e.HasOne<Contact>().WithMany().HasForeignKey(d => d.ContactId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(d => new { d.ReferralId, d.ContactId });
            e.HasIndex(d => d.ContactId);
        });

        model.Entity<Contact>(e =>
        {
            e.HasKey(c => c.Id);
            e.Property(c => c.FirstName).HasMaxLength(FieldLimits.Name);
            e.Property(c => c.LastName).HasMaxLength(FieldLimits.Name);
            e.Property(c => c.NormalisedName).HasMaxLength(FieldLimits.Name * 2 + 1);
            e.Property(c => c.NhsNumber).HasMaxLength(10);
            e.Property(c => c.SafeNow).HasConversion<string>().HasMaxLength(FieldLimits.Code);
            e.Property(c => c.AllocatedTeam).HasMaxLength(FieldLimits.ShortText);
            e.Property(c => c.AllocatedWorker).HasMaxLength(FieldLimits.Name);
            e.HasIndex(c => new { c.ReferralId, c.Position }).IsUnique();
            e.HasIndex(c => c.NhsNumber);
            e.HasIndex(c => new { c.NormalisedName, c.DateOfBirth });
        });

        model.Entity<ReferralConcern>(e =>
        {
            e.HasKey(c => new { c.ReferralId, c.CategoryCode });
            e.Property(c => c.CategoryCode).HasMaxLength(FieldLimits.Code);
        });

        model.Entity<AuditEntry>(e =>
        {
            e.HasKey(a => a.Id);
            e.Property(a => a.UserId).HasMaxLength(FieldLimits.UserId);
            e.Property(a => a.UserName).HasMaxLength(FieldLimits.Name);
            e.Property(a => a.Role).HasMaxLength(FieldLimits.Code);
            e.Property(a => a.AgencyCode).HasMaxLength(FieldLimits.Code);
            e.Property(a => a.Action).HasMaxLength(FieldLimits.Code);
            e.Property(a => a.CorrelationId).HasMaxLength(FieldLimits.ShortText);
            e.HasIndex(a => new { a.ReferralId, a.At });
            e.HasIndex(a => a.At);
        });

        model.Entity<IdempotencyRecord>(e =>
        {
            e.HasKey(i => new { i.UserId, i.Key });
            e.Property(i => i.UserId).HasMaxLength(FieldLimits.UserId);
            e.Property(i => i.Key).HasMaxLength(FieldLimits.IdempotencyKey);
            e.Property(i => i.RequestHash).HasMaxLength(64);
        });

        model.Entity<FeedbackEvent>(e =>
        {
            e.HasKey(f => f.Id);
            e.Property(f => f.Id).ValueGeneratedNever();
            e.Property(f => f.AgencyCode).HasMaxLength(FieldLimits.Code);
            e.Property(f => f.Type).HasConversion<string>().HasMaxLength(FieldLimits.Code);
            e.Property(f => f.Reference).HasMaxLength(FieldLimits.Reference);
            // The feed pages by this; unique, so two transactions can never give out one place.
            e.HasIndex(f => new { f.AgencyCode, f.Sequence }).IsUnique();
            e.HasIndex(f => f.ReferralId);
        });

        model.Entity<FeedbackCounter>(e =>
        {
            e.HasKey(c => c.AgencyCode);
            e.Property(c => c.AgencyCode).HasMaxLength(FieldLimits.Code);
        });

        model.Entity<WebhookSubscription>(e =>
        {
            e.HasKey(s => s.Id);
            e.Property(s => s.AgencyCode).HasMaxLength(FieldLimits.Code);
            e.Property(s => s.Url).HasMaxLength(FieldLimits.Url);
            e.Property(s => s.Secret).HasMaxLength(FieldLimits.ShortText);
            e.Property(s => s.CreatedByUserId).HasMaxLength(FieldLimits.UserId);
            e.Property(s => s.CreatedByName).HasMaxLength(FieldLimits.Name);
            e.HasIndex(s => s.AgencyCode);
        });

        model.Entity<FeedbackDelivery>(e =>
        {
            e.HasKey(d => d.Id);
            e.Property(d => d.AgencyCode).HasMaxLength(FieldLimits.Code);
            e.Property(d => d.Channel).HasConversion<string>().HasMaxLength(FieldLimits.Code);
            e.Property(d => d.Recipient).HasMaxLength(FieldLimits.Email);
            e.Property(d => d.Status).HasConversion<string>().HasMaxLength(FieldLimits.Code);
            e.Property(d => d.LastError).HasMaxLength(FieldLimits.Reason);
            e.Property(d => d.ClaimedBy).HasMaxLength(FieldLimits.ShortText);
            e.HasOne<FeedbackEvent>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
            // The worker's search for what is due, and a subscription's order.
            e.HasIndex(d => new { d.Status, d.NextAttemptAt });
            e.HasIndex(d => new { d.SubscriptionId, d.EventSequence });
            e.HasIndex(d => d.EventId);
            e.HasIndex(d => d.ReferralId);
        });

        model.Entity<ContactFact>(e =>
        {
            e.HasKey(f => f.ContactId);
            e.Property(f => f.ChildKey).HasMaxLength(64);
            e.Property(f => f.AgencyCode).HasMaxLength(FieldLimits.Code);
            e.Property(f => f.AgencyType).HasConversion<string>().HasMaxLength(FieldLimits.Code);
            e.Property(f => f.SourceCode).HasMaxLength(FieldLimits.Code);
            e.Property(f => f.Locality).HasMaxLength(FieldLimits.ShortText);
            e.Property(f => f.Area).HasMaxLength(FieldLimits.ShortText);
            e.Property(f => f.Channel).HasConversion<string>().HasMaxLength(FieldLimits.Code);
            e.Property(f => f.ConcernCategories).HasMaxLength(FieldLimits.Reason);
            e.Property(f => f.Gender).HasConversion<string>().HasMaxLength(FieldLimits.Code);
            e.Property(f => f.Ethnicity).HasMaxLength(FieldLimits.ShortText);
            e.Property(f => f.Status).HasConversion<string>().HasMaxLength(FieldLimits.Code);
            e.Property(f => f.Outcome).HasConversion<string>().HasMaxLength(FieldLimits.Code);
            e.Property(f => f.QualityRating).HasConversion<string>().HasMaxLength(FieldLimits.Code);
            e.Property(f => f.RubricVersion).HasMaxLength(FieldLimits.Code);
            e.Property(f => f.QualityReasons).HasMaxLength(FieldLimits.ShortText * 3);
            e.Property(f => f.Team).HasMaxLength(FieldLimits.ShortText);
            e.Property(f => f.Worker).HasMaxLength(FieldLimits.Name);
            e.HasOne<Contact>().WithOne().HasForeignKey<ContactFact>(f => f.ContactId).OnDelete(DeleteBehavior.Restrict);
            // The figures read a period at a time, so the cost follows the period, not the history. The index
            // carries the times to decision, which the fortnightly report ranks, so that read never touches the table.
            e.HasIndex(f => new { f.ReceivedAt, f.HoursToDecision });
            e.HasIndex(f => f.ReferralId);
            // A child's referral counts are worked out from every contact of the child.
            e.HasIndex(f => f.ChildKey);
        });

        model.Entity<FortnightFigures>(e =>
        {
            e.HasKey(d => new { d.Fortnight, d.AgencyCode, d.AgencyType, d.Channel, d.Outcome });
            e.Property(d => d.AgencyCode).HasMaxLength(FieldLimits.Code);
            e.Property(d => d.AgencyType).HasConversion<string>().HasMaxLength(FieldLimits.Code);
            e.Property(d => d.Channel).HasConversion<string>().HasMaxLength(FieldLimits.Code);
            e.Property(d => d.Outcome).HasMaxLength(FieldLimits.Code);
            // One column per additive count, named as the tally names it; the migration writes them out.
            foreach (var name in Tally.Names) e.Property<int>(name);
        });

        model.Entity<PeriodFigures>(e =>
        {
            e.HasKey(d => new { d.Interval, d.Start, d.AgencyCode, d.AgencyType, d.SourceCode, d.Locality, d.Area, d.Channel, d.Outcome });
            e.Property(d => d.Interval).HasMaxLength(FieldLimits.Code);
            e.Property(d => d.AgencyCode).HasMaxLength(FieldLimits.Code);
            e.Property(d => d.AgencyType).HasConversion<string>().HasMaxLength(FieldLimits.Code);
            e.Property(d => d.SourceCode).HasMaxLength(FieldLimits.Code);
            e.Property(d => d.Locality).HasMaxLength(FieldLimits.ShortText);
            e.Property(d => d.Area).HasMaxLength(FieldLimits.ShortText);
            e.Property(d => d.Channel).HasConversion<string>().HasMaxLength(FieldLimits.Code);
            e.Property(d => d.Outcome).HasMaxLength(FieldLimits.Code);
            foreach (var name in Tally.Names) e.Property<int>(name);
        });

        model.Entity<TotalsRevision>(e =>
        {
            e.ToTable("TotalsRevisions");
            e.HasKey(r => r.Fortnight);
        });

        model.Entity<FortnightChild>(e =>
        {
            e.ToTable("FortnightChildren");
            e.HasKey(c => new { c.Fortnight, c.Breakdown, c.GroupKey, c.ChildKey });
            e.Property(c => c.Breakdown).HasMaxLength(FieldLimits.Code);
            e.Property(c => c.GroupKey).HasMaxLength(FieldLimits.Code);
            e.Property(c => c.ChildKey).HasMaxLength(64);
        });

        model.Entity<KnownChildId>(e =>
        {
            e.HasKey(c => c.ChildKey);
            e.Property(c => c.ChildKey).HasMaxLength(64);
            e.Property(c => c.Id).HasMaxLength(20).IsRequired();
            e.HasIndex(c => c.Id).IsUnique();
        });

        model.Entity<ReferenceCounter>(e =>
        {
            e.HasKey(c => c.Year);
            e.Property(c => c.Year).ValueGeneratedNever();
        });
    }

    /// <summary>
    /// Events raised by the changes being saved are written in the same transaction as those changes
    /// (the transactional outbox): both commit, or neither does.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Changes are looked for once, here, not by every look at the tracker below and again by EF Core inside the transaction.
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        if (detect) ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await SaveTrackedChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private async Task<int> SaveTrackedChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        RefuseAuditChanges();
        var added = Tracked<Referral>(EntityState.Added);
        var changed = Tracked<Referral>(EntityState.Modified);
        var raised = Tracked<FeedbackEvent>(EntityState.Added);
        if (added.Count == 0 && changed.Count == 0 && raised.Count == 0)
        {
            // Every SQLite write takes its turn the same way, an audit entry of a read too: outside the queue it would meet the
            // lock a shared commit holds and sleep in SQLite's busy retries while the queue moved on without it.
            if (Database.CurrentTransaction is null && Database.IsSqlite())
                return await commitGroups.SaveAsync(this, cancellation => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellation),
                    cancellationToken);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var received = facts.Summarise(added);
        Task<int> WriteAsync(CancellationToken cancellation) => WriteChangesAsync(received, changed, raised, acceptAllChangesOnSuccess, cancellation);
        if (Database.CurrentTransaction is not null) return await WriteAsync(cancellationToken);
        // SQLite: saves that arrive while one is being written share its commit (SqliteCommitGroups).
        if (Database.IsSqlite()) return await commitGroups.SaveAsync(this, WriteAsync, cancellationToken);
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        var saved = await WriteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    /// <summary>The changes, their contact facts, events and totals, written in the transaction the caller has begun.</summary>
    private async Task<int> WriteChangesAsync(IReadOnlyList<ContactFactsWriter.Received> received, IReadOnlyList<Referral> changed,
        IReadOnlyList<FeedbackEvent> raised, bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var totals = await facts.WriteAsync(this, received, changed, cancellationToken);
        if (raised.Count > 0) await outbox.StageAsync(this, raised, cancellationToken);
        foreach (var (referral, _) in received.Where(r => r.Referral.Reference.Length == 0))
            referral.Number(await NextReferenceAsync(referral.ReceivedAt.Year, cancellationToken));
        // What was added since needs no looking for; a changed referral's facts were altered in place (ContactFactsWriter).
        if (changed.Count > 0) ChangeTracker.DetectChanges();
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        // Last before commit: a totals row is shared by every change to its group that fortnight, so it is held as briefly as possible.
        await totals.ApplyAsync(this, cancellationToken);
        return saved;
    }

    /// <summary>
    /// The year's next reference. The counter row stays locked by this statement until the transaction ends, so
    /// references are issued in commit order without gaps, by any number of instances; one statement, standard
    /// to SQLite 3.35+ and PostgreSQL: the year's first referral makes the row, every other takes the next number.
    /// </summary>
    private async Task<string> NextReferenceAsync(int year, CancellationToken cancellationToken)
    {
        var number = await PlainSql.SingleAsync<int>(this, """
            INSERT INTO "ReferenceCounters" ("Year", "LastNumber") VALUES (@year, 1)
            ON CONFLICT ("Year") DO UPDATE SET "LastNumber" = "ReferenceCounters"."LastNumber" + 1
            RETURNING "LastNumber"
            """, [("@year", year)], cancellationToken);
        var reference = $"REF-{year}-{number:D6}";
        // A counter behind its rows (a history import stopped part-way, a restore from mismatched backups) would make every
        // submission collide on the reference: one indexed look catches it, and the counter moves past the highest in use.
        if (await PlainSql.SingleAsync<long>(this, """SELECT COUNT(*) FROM "Referrals" WHERE "Reference" = @reference""",
                [("@reference", reference)], cancellationToken) == 0)
            return reference;
        var highest = await PlainSql.SingleAsync<string>(this, """SELECT MAX("Reference") FROM "Referrals" WHERE "Reference" LIKE @year""",
            [("@year", $"REF-{year}-%")], cancellationToken);
        number = int.Parse(highest[$"REF-{year}-".Length..], System.Globalization.CultureInfo.InvariantCulture) + 1;
        await PlainSql.ExecuteAsync(this, """UPDATE "ReferenceCounters" SET "LastNumber" = @number WHERE "Year" = @year""",
            [("@number", number), ("@year", year)], cancellationToken);
        return $"REF-{year}-{number:D6}";
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

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditChanges();
        if (ChangeTracker.Entries<Referral>().Any(e => e.State is EntityState.Added or EntityState.Modified))
            throw new InvalidOperationException("Changes to referrals are saved with SaveChangesAsync, which writes their contact facts and outbox events.");
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    private List<T> Tracked<T>(EntityState state) where T : class =>
        ChangeTracker.Entries<T>().Where(e => e.State == state).Select(e => e.Entity).ToList();

    /// <summary>The audit trail is append-only: nothing in the service may change or remove an entry.</summary>
    private void RefuseAuditChanges()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("Audit entries are append-only.");
    }

    private sealed class UtcInstantConverter() : ValueConverter<DateTimeOffset, DateTime>(
        v => v.UtcDateTime,
        v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)));
}
