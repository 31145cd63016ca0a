using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Referrals.Api.Common;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Metrics;

/// <summary>
/// One contact (one child on one referral) as the performance figures count it: a summary row kept
/// in step with the referral inside the same transaction as every change to it (ContactFactsWriter),
/// so the figures read one narrow, indexed table for the period asked for, whatever the size of the history.
/// </summary>
public sealed class ContactFact
{
    public Guid ContactId { get; set; }
    public Guid ReferralId { get; set; }
    /// <summary>Whether this is the referral's first child, which carries the referral's own figures (count, quality) so a referral counts once.</summary>
    public bool FirstOnReferral { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    /// <summary>A pseudonymous key for the child (SHA-256 of the NHS number, else of name and date of birth), for counting children.</summary>
    public string ChildKey { get; set; } = "";
    /// <summary>
    /// Whether this was the child's first contact in its fortnight of the performance group's cycle (overall, from its
    /// agency type, from its agency): so distinct children add up as counts (FortnightChildren decides, at receipt).
    /// </summary>
    public bool NewChildInFortnight { get; set; }
    public bool NewChildForAgencyType { get; set; }
    public bool NewChildForAgency { get; set; }
    /// <summary>Whether this was the child's first contact in its week (from Monday) and in its calendar month, as for fortnights.</summary>
    public bool NewChildInWeek { get; set; }
    public bool NewChildInMonth { get; set; }
    public string AgencyCode { get; set; } = "";
    public AgencyType AgencyType { get; set; }
    public string SourceCode { get; set; } = "";
    public string Locality { get; set; } = "";
    /// <summary>The council area of the referring agency (the agency directory's Area).</summary>
    public string Area { get; set; } = "";
    public Channel Channel { get; set; }
    /// <summary>The concern category codes ticked, comma-separated.</summary>
    public string ConcernCategories { get; set; } = "";
    public Gender? Gender { get; set; }
    /// <summary>The census ethnicity code (null when the form did not say).</summary>
    public string? Ethnicity { get; set; }
    /// <summary>An unborn baby or a baby under one at receipt: the partnership's priority, counted on a line of its own.</summary>
    public bool Baby { get; set; }
    public int QualityScore { get; set; }
    /// <summary>The rubric version the score was given by: figures average and compare like with like.</summary>
    public string RubricVersion { get; set; } = "";
    public bool ConsentAddressed { get; set; }
    public bool ChildsVoice { get; set; }
    public bool ActionsTaken { get; set; }
    /// <summary>The referrer's level of need, or LevelsOfNeed.NotKnown.</summary>
    public int ReferrerLevel { get; set; }
    /// <summary>
    /// When the contact became a referral as the DfE counts one (DecisionOutcomes.IsAcceptedAsReferral): the time of the
    /// final decision that accepted it. Null while it is not one.
    /// </summary>
    public DateTimeOffset? ReferredAt { get; set; }
    /// <summary>A referral within 12 months of a previous referral for the same child (CountReferrals); false for a contact that is not one.</summary>
    public bool ReReferral { get; set; }
    /// <summary>Referrals for the child in the 12 months up to and including this one; 0 for a contact that is not one.</summary>
    public int ReferralsInTwelveMonths { get; set; }
    public ReferralStatus Status { get; set; }
    public bool ReturnedForInformation { get; set; }
    public DateTimeOffset DecisionDueAt { get; set; }
    /// <summary>When the child's first decision was recorded (before any sign-off): the front door's decision time.</summary>
    public DateTimeOffset? DecidedAt { get; set; }
    /// <summary>From receipt to DecidedAt, kept as a number so the percentiles read it without parsing two instants.</summary>
    public double? HoursToDecision { get; set; }
    /// <summary>The final outcome (signed off where required); null while there is none.</summary>
    public DecisionOutcome? Outcome { get; set; }
    public int? PractitionerLevel { get; set; }
    public QualityRating? QualityRating { get; set; }
    public string QualityReasons { get; set; } = "";
    public string? Team { get; set; }
    public string? Worker { get; set; }
    public DateTimeOffset? OutcomeReadyAt { get; set; }
    /// <summary>One working day after the decision: the outcome should reach the referrer by then.</summary>
    public DateTimeOffset? OutcomeDueAt { get; set; }

    /// <summary>
    /// Works out, for every contact of one child (the same ChildKey), whether each referral among them is a re-referral
    /// (another referral of the child's accepted in the 12 months before it, up to the same instant a year earlier) and
    /// how many referrals the child had in the 12 months up to and including it. Calls changing before a contact's
    /// values change and changed after, so the caller can keep totals in step; contacts that are not referrals count none.
    /// </summary>
    public static void CountReferrals(IReadOnlyList<ContactFact> ofOneChild, Action<ContactFact>? changing = null, Action<ContactFact>? changed = null)
    {
        var referred = ofOneChild.Where(f => f.ReferredAt is not null).Select(f => f.ReferredAt!.Value).ToList();
        foreach (var fact in ofOneChild)
        {
            var earlier = fact.ReferredAt is { } at ? referred.Count(r => IsWithinTwelveMonthsBefore(r, at)) : 0;
            var (reReferral, inTwelveMonths) = fact.ReferredAt is null ? (false, 0) : (earlier > 0, earlier + 1);
            if (fact.ReReferral == reReferral && fact.ReferralsInTwelveMonths == inTwelveMonths) continue;
            changing?.Invoke(fact);
            (fact.ReReferral, fact.ReferralsInTwelveMonths) = (reReferral, inTwelveMonths);
            changed?.Invoke(fact);
        }
    }

    /// <summary>An earlier referral that makes one at this time a re-referral: before it, up to the same instant a year earlier.</summary>
    public static bool IsWithinTwelveMonthsBefore(DateTimeOffset earlier, DateTimeOffset at) => earlier < at && earlier >= at.AddMonths(-12);

    public static string KeyFor(KnownChildren.Child child, Guid contactId)
    {
        var identity = child.NhsNumber is not null ? $"nhs:{child.NhsNumber}"
            : child.DateOfBirth is not null && KnownChildren.IsFullName(child.NormalisedName) ? $"name:{child.NormalisedName}|{child.DateOfBirth:yyyy-MM-dd}"
            : $"contact:{contactId}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
    }

    /// <summary>
    /// Worked out from whole microseconds, the finest PostgreSQL keeps (it drops the rest of a .NET instant), so
    /// the figure is the same whether the instants came from memory or from either database.
    /// </summary>
    public void KeepHoursToDecision() =>
        HoursToDecision = DecidedAt is { } decided ? (decided.UtcTicks / 10 - ReceivedAt.UtcTicks / 10) / 3_600_000_000.0 : null;

    /// <summary>Brings every figure that can change after receipt up to date with the referral.</summary>
    public void Refresh(Referral referral, Contact contact, WorkingDayCalendar calendar)
    {
        Status = referral.Status;
        // Fixed at receipt; worked out here too so that a referral stored before it was kept gets it when next saved.
        Baby = Referral.IsBaby(contact.DateOfBirth, contact.EstimatedAgeYears, contact.ExpectedDueDate, LondonTime.DayOf(referral.ReceivedAt));
        ReturnedForInformation = referral.InformationRequests.Count > 0;
        var decisions = referral.Decisions.Where(d => d.ContactId == contact.Id).ToList();
        DecidedAt = decisions.Count == 0 ? null : decisions.Min(d => d.DecidedAt);
        KeepHoursToDecision();
        var current = referral.CurrentDecision(contact.Id);
        var final = current?.State == DecisionState.Final ? current : null;
        Outcome = final?.Outcome;
        ReferredAt = final is { } accepted && accepted.Outcome.IsAcceptedAsReferral() ? accepted.DecidedAt : null;
        PractitionerLevel = current?.ThresholdLevel;
        QualityRating = current?.QualityRating;
        QualityReasons = current?.QualityReasons ?? "";
        // The team and worker the case went to once accepted, not the front door's triager (Ofsted's list of referrals).
        Team = contact.AllocatedTeam ?? final?.Team;
        Worker = contact.AllocatedWorker;
        OutcomeReadyAt = referral.OutcomeReadyAt;
        OutcomeDueAt = DecidedAt is { } decided ? calendar.DecisionDue(decided) : null;
    }
}

internal sealed class ContactFactConfiguration : IEntityTypeConfiguration<ContactFact>
{
    public void Configure(EntityTypeBuilder<ContactFact> e)
    {
        e.ToTable("ContactFacts");
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
    }
}
