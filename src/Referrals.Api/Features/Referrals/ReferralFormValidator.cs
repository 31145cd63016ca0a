using System.Collections.Concurrent;
using Referrals.Api.Features.ReferenceData;
using static Referrals.Api.Domain.ChildIdentifiers;

namespace Referrals.Api.Features.Referrals;

/// <summary>
/// The checks a partner meets on the standardised form. Used by submission and by the quality
/// check, so a draft that passes the check will be accepted. Messages never quote the value sent.
/// </summary>
public sealed class ReferralFormValidator : AbstractValidator<ReferralForm>
{
    /// <param name="referrer">A partner submitting for its own agency (else the team, recording a referral made to it).</param>
    /// <param name="referrersAgency">The partner's agency.</param>
    public ReferralFormValidator(bool referrer, string? referrersAgency, AgencyDirectory agencies, DateOnly today)
    {
        if (referrer)
        {
            RuleFor(f => f.Channel).Must(c => c is null or Channel.ElectronicForm)
                .WithMessage("Partners submit through the electronic form; leave channel out or send \"electronic-form\".");
            RuleFor(f => f.AgencyCode).Must(code => code is null || code == referrersAgency)
                .WithMessage("Referrers submit for their own agency; leave agencyCode out.");
        }
        else
        {
            RuleFor(f => f.Channel).NotNull().Must(c => c is not Channel.ElectronicForm)
                .WithMessage("Say how the referral reached the First Contact Team: phone, email or in-person.");
            RuleFor(f => f.AgencyCode).Must(agencies.IsActive)
                .WithMessage("Give the code of the active agency this referral is recorded for (see /v1/reference-data/agencies).");
        }

        RuleFor(f => f.Referrer).NotNull().WithMessage("The referrer's details are required.")
            .SetValidator(new ReferrerValidator(nameRequired: !referrer)!);

        RuleFor(f => f.Children).NotEmpty().WithMessage("At least one child is required.")
            .Must(c => c is null || c.Count <= FieldLimits.MaxChildren).WithMessage($"At most {FieldLimits.MaxChildren} children on one referral.");
        RuleForEach(f => f.Children).NotNull().SetValidator(new ChildValidator(today));

        RuleFor(f => f.Household).Must(h => h is null || h.Count <= FieldLimits.MaxAdults)
            .WithMessage($"At most {FieldLimits.MaxAdults} adults.");
        RuleForEach(f => f.Household).NotNull().SetValidator(f => new SignificantAdultValidator(f.Children?.Count ?? 0, today));

        RuleFor(f => f.Consent).NotNull().WithMessage("Consent and parental awareness must be answered.")
            .SetValidator(new ConsentValidator()!);
        RuleFor(f => f.Consent!.ParentsConsented)
            .Must(consented => consented != false)
            .When(f => f.Consent is not null && f.ReferrerView?.LevelOfNeed is int level && LevelsOfNeed.IsEarlyHelp(level))
            .OverridePropertyName("consent.parentsConsented")
            .WithMessage("A request for early help (level of need 1 or 2) needs the family's consent. Without consent it is not a " +
                         "safeguarding referral and is returned to you: seek consent, or if you believe the child is at risk of " +
                         "significant harm, set the level of need to 3 or 4 and explain why.");

        RuleFor(f => f.Concern).NotNull().WithMessage("The concern must be described.")
            .SetValidator(new ConcernValidator()!);
        RuleFor(f => f.ReferrerView).NotNull().WithMessage("Give your view of the level of need and the risk.")
            .SetValidator(new ReferrerViewValidator()!);
        RuleFor(f => f.DomesticAbuse).SetValidator(new DomesticAbuseValidator()!);
    }

    /// <summary>
    /// The form's rules built once per kind of submitter and day, not on every request: building them (some eighty
    /// rules, each reading its expression) was a twentieth of a submission's processor time under load
    /// (bench/load). A validator keeps nothing between calls, so one instance serves concurrent requests.
    /// </summary>
    public sealed class PerSubmitter(AgencyDirectory agencies, TimeProvider clock)
    {
        private readonly ConcurrentDictionary<(bool Referrer, string? Agency, DateOnly Today), ReferralFormValidator> _built = new();

        public ReferralFormValidator For(CurrentUser user)
        {
            var key = (user.IsReferrer, user.AgencyCode, LondonTime.DayOf(clock.GetUtcNow()));
            if (_built.TryGetValue(key, out var validator)) return validator;
            foreach (var stale in _built.Keys.Where(k => k.Today != key.Item3)) _built.TryRemove(stale, out _);
            return _built.GetOrAdd(key, k => new ReferralFormValidator(k.Referrer, k.Agency, agencies, k.Today));
        }
    }

    private sealed class ReferrerValidator : AbstractValidator<ReferrerDetails>
    {
        public ReferrerValidator(bool nameRequired)
        {
            if (nameRequired)
                RuleFor(r => r.Name).NotEmpty().WithMessage("Give the name of the person who made the referral.");
            RuleFor(r => r.Name).MaximumLength(FieldLimits.Name);
            RuleFor(r => r.Role).MaximumLength(FieldLimits.ShortText);
            RuleFor(r => r.Phone).MaximumLength(FieldLimits.Phone);
            RuleFor(r => r.Email).MaximumLength(FieldLimits.Email)
                .EmailAddress().When(r => IsKnown(r.Email)).WithMessage("Give a valid e-mail address, or \"not known\".");
            RuleFor(r => r.SafeguardingLeadConsulted).NotNull()
                .WithMessage("Say whether your designated safeguarding lead was consulted (yes, no or not-known).");
        }
    }

    private sealed class ChildValidator : AbstractValidator<ChildDetails>
    {
        public ChildValidator(DateOnly today)
        {
            RuleFor(c => c.FirstName).NotEmpty().WithMessage("The child's first name is required (for an unborn child, \"Unborn\").")
                .MaximumLength(FieldLimits.Name);
            RuleFor(c => c.LastName).NotEmpty().WithMessage("The child's last name is required.").MaximumLength(FieldLimits.Name);
            RuleFor(c => c.Alias).MaximumLength(FieldLimits.Name);
            RuleFor(c => c)
                .Must(c => new object?[] { c.DateOfBirth, c.EstimatedAgeYears, c.ExpectedDueDate }.Count(v => v is not null) == 1)
                .OverridePropertyName("dateOfBirth")
                .WithMessage("Give exactly one of: date of birth, estimated age in years, or expected due date for an unborn child.");
            RuleFor(c => c.DateOfBirth).Must(d => d <= today).When(c => c.DateOfBirth is not null)
                .WithMessage("The date of birth cannot be in the future; for an unborn child give expectedDueDate.");
            RuleFor(c => c.DateOfBirth).Must(d => d > today.AddYears(-18)).When(c => c.DateOfBirth is not null)
                .WithMessage("This service takes referrals about children under 18.");
            RuleFor(c => c.EstimatedAgeYears).InclusiveBetween(0, 17)
                .WithMessage("An estimated age must be between 0 and 17 years.");
            RuleFor(c => c.ExpectedDueDate).InclusiveBetween(today.AddDays(-30), today.AddDays(300)).When(c => c.ExpectedDueDate is not null)
                .WithMessage("An expected due date must fall within the next 300 days (or the last 30, if the baby may be born).");
            RuleFor(c => c.Gender).NotNull().WithMessage("Give the child's gender, or not-known.");
            RuleFor(c => c.Ethnicity).MaximumLength(FieldLimits.Name);
            RuleFor(c => c.FirstLanguage).MaximumLength(FieldLimits.Name);
            RuleFor(c => c.DisabilityDetails).MaximumLength(FieldLimits.Reason);
            RuleFor(c => c.Address).MaximumLength(FieldLimits.ShortText);
            RuleFor(c => c.Postcode).Must(IsValidPostcode).When(c => IsKnown(c.Postcode))
                .WithMessage("Give a UK postcode (e.g. DE1 2FS), or \"not known\".");
            RuleFor(c => c.SchoolOrSetting).MaximumLength(FieldLimits.ShortText);
            RuleFor(c => c.NhsNumber).Must(IsValidNhsNumber).When(c => IsKnown(c.NhsNumber))
                .WithMessage("An NHS number has 10 digits and a valid check digit; check it, or send \"not known\".");
            RuleFor(c => c.UniquePupilNumber).Must(IsValidUniquePupilNumber).When(c => IsKnown(c.UniquePupilNumber))
                .WithMessage("A unique pupil number has 13 characters and a valid check letter; check it, or send \"not known\".");
            RuleFor(c => c.CurrentLocation).MaximumLength(FieldLimits.ShortText);
            RuleFor(c => c.SafeNow).NotNull().WithMessage("Say whether the child is safe right now (yes, no or not-known).");
        }
    }

    private sealed class SignificantAdultValidator : AbstractValidator<SignificantAdult>
    {
        public SignificantAdultValidator(int childCount, DateOnly today)
        {
            RuleFor(a => a.Name).NotEmpty().WithMessage("Give the adult's name, or \"not known\".").MaximumLength(FieldLimits.Name);
            RuleFor(a => a.DateOfBirth).Must(d => d <= today).When(a => a.DateOfBirth is not null)
                .WithMessage("A date of birth cannot be in the future.");
            RuleFor(a => a.Relationships).Must(r => r is null || r.Count <= FieldLimits.MaxChildren)
                .WithMessage($"At most {FieldLimits.MaxChildren} relationships.");
            RuleForEach(a => a.Relationships).NotNull().ChildRules(relationship =>
            {
                relationship.RuleFor(r => r.ChildIndex).NotNull().InclusiveBetween(0, Math.Max(0, childCount - 1))
                    .WithMessage("childIndex must point at a child on this referral (counting from 0).");
                relationship.RuleFor(r => r.Relationship).NotEmpty().WithMessage("Give the relationship, e.g. \"mother\".")
                    .MaximumLength(FieldLimits.Name);
            });
        }
    }

    private sealed class ConsentValidator : AbstractValidator<ConsentDetails>
    {
        public ConsentValidator()
        {
            RuleFor(c => c.ParentsAware).NotNull().WithMessage("Say whether the parents or carers are aware of this referral.");
            RuleFor(c => c.ParentsAwareReason).NotEmpty().When(c => c.ParentsAware == false)
                .WithMessage("Say why the parents or carers are not aware (for example, telling them would place the child at greater risk).");
            RuleFor(c => c.ParentsAwareReason).MaximumLength(FieldLimits.Reason);
            RuleFor(c => c.ParentsConsented).NotNull().WithMessage("Say whether the parents or carers have consented to this referral.");
            RuleFor(c => c.ConsentReason).NotEmpty().When(c => c.ParentsConsented == false)
                .WithMessage("Say why there is no consent (for example, could not be contacted).");
            RuleFor(c => c.ConsentReason).MaximumLength(FieldLimits.Reason);
        }
    }

    private sealed class ConcernValidator : AbstractValidator<ConcernDetails>
    {
        public ConcernValidator()
        {
            RuleFor(c => c.Categories).NotEmpty().WithMessage("Choose at least one concern category.")
                .Must(c => c is null || c.Count <= FieldLimits.MaxCategories).WithMessage($"At most {FieldLimits.MaxCategories} categories.");
            RuleForEach(c => c.Categories).Must(ConcernCategories.IsKnown)
                .WithMessage("Not a concern category code (see /v1/reference-data/concern-categories).");
            RuleFor(c => c.WhatHappened).NotEmpty().WithMessage("Describe what happened.")
                .MinimumLength(FieldLimits.MinimumConcernLength)
                .WithMessage($"Describe the concern in at least {FieldLimits.MinimumConcernLength} characters: what happened, when, and how you know.")
                .MaximumLength(FieldLimits.Narrative);
            foreach (var narrative in new System.Linq.Expressions.Expression<Func<ConcernDetails, string?>>[]
                     { c => c.WhenAndWhere, c => c.HowKnown, c => c.Disclosure, c => c.ImpactOnChild, c => c.ChildsVoice,
                       c => c.WhatIsGoingWell, c => c.ActionsAlreadyTaken, c => c.OtherProfessionals, c => c.HopedOutcome })
                RuleFor(narrative).MaximumLength(FieldLimits.Narrative);
        }
    }

    private sealed class ReferrerViewValidator : AbstractValidator<ReferrerView>
    {
        public ReferrerViewValidator()
        {
            RuleFor(v => v.LevelOfNeed).NotNull().InclusiveBetween(1, 4)
                .WithMessage("Give the level of need: 1 universal, 2 emerging needs, 3 intensive / complex, 4 specialist / child protection.");
            RuleFor(v => v.Risk).NotNull().WithMessage("Give your view of the risk: low, medium or high.");
            RuleFor(v => v.RiskReason).MaximumLength(FieldLimits.Reason);
        }
    }

    private sealed class DomesticAbuseValidator : AbstractValidator<DomesticAbuseNotification>
    {
        public DomesticAbuseValidator()
        {
            RuleFor(d => d.RiskLevel).NotNull().WithMessage("Give the risk level from the risk assessment: standard, medium or high.");
            RuleFor(d => d.ChildrenPresent).NotNull().WithMessage("Say whether children were present (yes, no or not-known).");
            RuleFor(d => d.MaracReferralMade).NotNull().WithMessage("Say whether a MARAC referral was made (yes, no or not-known).");
        }
    }
}
