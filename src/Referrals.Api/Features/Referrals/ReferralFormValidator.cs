using System.Collections.Concurrent;
using Referrals.Api.Features.ReferenceData;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Domain;
using static Referrals.Api.Domain.ChildIdentifiers;

namespace Referrals.Api.Features.Referrals;

/// <summary>
/// The checks a partner meets on the standardised form. Used by submission and by the quality
/// check, so a draft that passes the check will be accepted. Messages never quote the value sent.
/// </summary>
/// <remarks>A seam: a draft is checked by the same rules (Drafts), the missing ones kept for its submission.</remarks>
[Seam]
public sealed class ReferralFormValidator : AbstractValidator<ReferralForm>
{
    /// <param name="referrer">A partner submitting for its own agency (else the team, recording a referral made to it).</param>
    /// <param name="referrersAgency">The partner's agency.</param>
    /// <param name="draft">A draft being saved: only wrong values are refused, because what is still missing is the
    /// point of a draft; the rest of the rules are what it must have when it is submitted.</param>
    public ReferralFormValidator(bool referrer, string? referrersAgency, AgencyDirectory agencies, DateOnly today, bool draft = false)
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
            RuleFor(f => f.Channel).NotNull().When(_ => !draft, ApplyConditionTo.CurrentValidator).Must(c => c is not Channel.ElectronicForm)
                .WithMessage("Say how the referral reached the First Contact Team: phone, email or in-person.");
            RuleFor(f => f.AgencyCode).Must(code => (draft && code is null) || agencies.IsActive(code))
                .WithMessage("Give the code of the active agency this referral is recorded for (see /v1/reference-data/agencies).");
        }
        // Only what makes a referral impossible to act on is refused (a child, a concern, a way back to the referrer)
        // and values that are wrong rather than missing. Every other gap is scored and prompted (QualityRubric).
        RuleFor(f => f.Referrer).SetValidator(new ReferrerValidator()!);
        if (!draft)
        {
            RuleFor(f => f.Referrer == null ? null : f.Referrer.Name).NotEmpty()
                .When(f => !referrer && !IsAnonymous(f, agencies), ApplyConditionTo.CurrentValidator)
                .OverridePropertyName("referrer.name")
                .WithMessage("Give the name of the person who made the referral (for an anonymous informant, record the referral for the anonymous source).");
            RuleFor(f => f.Referrer)
                .Must(r => IsKnown(r?.Phone) || IsKnown(r?.Email))
                .When(f => referrer || !IsMemberOfThePublic(f, agencies), ApplyConditionTo.CurrentValidator)
                .OverridePropertyName("referrer.phone")
                .WithMessage("Give a phone number or an e-mail address the First Contact Team can reach the referrer on: " +
                             "they may need to ask about the child today.");
            RuleFor(f => f.Children).NotEmpty().WithMessage("At least one child is required.");
        }
        RuleFor(f => f.Children)
            .Must(c => c is null || c.Count <= FieldLimits.MaxChildren).WithMessage($"At most {FieldLimits.MaxChildren} children on one referral.");
        RuleForEach(f => f.Children).NotNull().SetValidator(new ChildValidator(today, draft));

        RuleFor(f => f.Household).Must(h => h is null || h.Count <= FieldLimits.MaxAdults)
            .WithMessage($"At most {FieldLimits.MaxAdults} adults.");
        RuleForEach(f => f.Household).NotNull().SetValidator(f => new SignificantAdultValidator(f.Children?.Count ?? 0, today, draft));

        RuleFor(f => f.Consent).SetValidator(new ConsentValidator()!);

        if (!draft) RuleFor(f => f.Concern).NotNull().WithMessage("Describe the concern: what happened, or what you have seen or been told.");
        RuleFor(f => f.Concern).SetValidator(new ConcernValidator(draft)!);
        RuleFor(f => f.ReferrerView).SetValidator(new ReferrerViewValidator()!);
    }

    private static bool IsMemberOfThePublic(ReferralForm form, AgencyDirectory agencies) =>
        agencies.Find(form.AgencyCode) is { } agency && AgencyTypes.IsMemberOfThePublic(agency.Type);

    private static bool IsAnonymous(ReferralForm form, AgencyDirectory agencies) =>
        agencies.Find(form.AgencyCode)?.Type == AgencyType.Anonymous;

    /// <summary>
    /// The form's rules built once per kind of submitter and day, not on every request: building them (some eighty
    /// rules, each reading its expression) was a twentieth of a submission's processor time under load
    /// (bench/load). A validator keeps nothing between calls, so one instance serves concurrent requests.
    /// </summary>
    public sealed class PerSubmitter(AgencyDirectory agencies, TimeProvider clock)
    {
        private readonly ConcurrentDictionary<(bool Referrer, string? Agency, DateOnly Today, bool Draft), ReferralFormValidator> _built = new();

        public ReferralFormValidator For(CurrentUser user, bool draft = false)
        {
            var key = (user.IsReferrer, user.AgencyCode, LondonTime.DayOf(clock.GetUtcNow()), draft);
            if (_built.TryGetValue(key, out var validator)) return validator;
            foreach (var stale in _built.Keys.Where(k => k.Today != key.Item3)) _built.TryRemove(stale, out _);
            return _built.GetOrAdd(key, k => new ReferralFormValidator(k.Referrer, k.Agency, agencies, k.Today, k.Draft));
        }
    }

    private sealed class ReferrerValidator : AbstractValidator<ReferrerDetails>
    {
        public ReferrerValidator()
        {
            RuleFor(r => r.Name).MaximumLength(FieldLimits.Name);
            RuleFor(r => r.Role).MaximumLength(FieldLimits.ShortText);
            RuleFor(r => r.Phone).MaximumLength(FieldLimits.Phone);
            RuleFor(r => r.Email).MaximumLength(FieldLimits.Email)
                .EmailAddress().When(r => IsKnown(r.Email)).WithMessage("Give a valid e-mail address, or \"not known\".");
        }
    }

    private sealed class ChildValidator : AbstractValidator<ChildDetails>
    {
        public ChildValidator(DateOnly today, bool draft)
        {
            RuleFor(c => c).Must(c => draft || CanBeIdentified(c)).OverridePropertyName("firstName")
                .WithMessage("Say anything that identifies the child: a first name, a description, an age, or a place " +
                             "(address, school or where the child is now).");
            RuleFor(c => c.FirstName).MaximumLength(FieldLimits.Name);
            RuleFor(c => c.LastName).MaximumLength(FieldLimits.Name);
            RuleFor(c => c.Alias).MaximumLength(FieldLimits.Name);
            RuleFor(c => c.Description).MaximumLength(FieldLimits.Reason);
            RuleFor(c => c)
                .Must(c => new object?[] { c.DateOfBirth, c.EstimatedAgeYears, c.ExpectedDueDate }.Count(v => v is not null) <= 1)
                .OverridePropertyName("dateOfBirth")
                .WithMessage("Give one of: date of birth, estimated age in years, or expected due date for an unborn child (or none, if not known).");
            RuleFor(c => c.DateOfBirth).Must(d => d <= today).When(c => c.DateOfBirth is not null)
                .WithMessage("The date of birth cannot be in the future; for an unborn child give expectedDueDate.");
            RuleFor(c => c.DateOfBirth).Must(d => d > today.AddYears(-18)).When(c => c.DateOfBirth is not null)
                .WithMessage("This service takes referrals about children under 18.");
            RuleFor(c => c.EstimatedAgeYears).InclusiveBetween(0, 17)
                .WithMessage("An estimated age must be between 0 and 17 years.");
            RuleFor(c => c.ExpectedDueDate).InclusiveBetween(today.AddDays(-30), today.AddDays(300)).When(c => c.ExpectedDueDate is not null)
                .WithMessage("An expected due date must fall within the next 300 days (or the last 30, if the baby may be born).");
            RuleFor(c => c.Ethnicity).Must(e => CensusCodes.EthnicityCode(e) is not null).When(c => !string.IsNullOrWhiteSpace(c.Ethnicity))
                .WithMessage("Give the census ethnicity code or its label (see /v1/reference-data/ethnicities), or NOBT if not yet obtained.");
            RuleFor(c => c.Disabilities).Must(d => d is null || d.Count <= CensusCodes.Disabilities.Count)
                .WithMessage($"At most {CensusCodes.Disabilities.Count} disability codes.")
                .Must(d => d is null || !d.Contains("NONE") || d.Count == 1)
                .WithMessage("NONE (no disability) goes alone.");
            RuleForEach(c => c.Disabilities).Must(CensusCodes.IsDisability)
                .WithMessage("Not a census disability code (see /v1/reference-data/disabilities).");
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
        }

        /// <summary>A first name, a description, an age or a place: enough for the team to start looking.</summary>
        private static bool CanBeIdentified(ChildDetails c) =>
            IsKnown(c.FirstName) || IsKnown(c.LastName) || IsKnown(c.Alias) || IsKnown(c.Description)
            || c.DateOfBirth is not null || c.EstimatedAgeYears is not null || c.ExpectedDueDate is not null
            || IsKnown(c.Address) || IsKnown(c.Postcode) || IsKnown(c.SchoolOrSetting) || IsKnown(c.CurrentLocation)
            || IsKnown(c.NhsNumber) || IsKnown(c.UniquePupilNumber);
    }

    private sealed class SignificantAdultValidator : AbstractValidator<SignificantAdult>
    {
        public SignificantAdultValidator(int childCount, DateOnly today, bool draft)
        {
            RuleFor(a => a.Name).Must(name => draft || !string.IsNullOrWhiteSpace(name))
                .WithMessage("Give the adult's name, or \"not known\".").MaximumLength(FieldLimits.Name);
            RuleFor(a => a.DateOfBirth).Must(d => d <= today).When(a => a.DateOfBirth is not null)
                .WithMessage("A date of birth cannot be in the future.");
            RuleFor(a => a.Relationships).Must(r => r is null || r.Count <= FieldLimits.MaxChildren)
                .WithMessage($"At most {FieldLimits.MaxChildren} relationships.");
            RuleForEach(a => a.Relationships).NotNull().ChildRules(relationship =>
            {
                relationship.RuleFor(r => r.ChildIndex).NotNull().When(_ => !draft, ApplyConditionTo.CurrentValidator).InclusiveBetween(0, Math.Max(0, childCount - 1))
                    .WithMessage("childIndex must point at a child on this referral (counting from 0).");
                relationship.RuleFor(r => r.Relationship).Must(r => draft || !string.IsNullOrWhiteSpace(r)).WithMessage("Give the relationship, e.g. \"mother\".")
                    .MaximumLength(FieldLimits.Name);
            });
        }
    }

    private sealed class ConsentValidator : AbstractValidator<ConsentDetails>
    {
        public ConsentValidator()
        {
            RuleFor(c => c.ParentsAwareReason).MaximumLength(FieldLimits.Reason);
            RuleFor(c => c.ConsentReason).MaximumLength(FieldLimits.Reason);
        }
    }

    private sealed class ConcernValidator : AbstractValidator<ConcernDetails>
    {
        public ConcernValidator(bool draft)
        {
            RuleFor(c => c.Categories)
                .Must(c => c is null || c.Count <= FieldLimits.MaxCategories).WithMessage($"At most {FieldLimits.MaxCategories} categories.");
            RuleForEach(c => c.Categories).Must(ConcernCategories.IsKnown)
                .WithMessage((_, code) => code is not null && ConcernCategories.Retired.TryGetValue(code, out var now)
                    ? $"This category is now one of: {string.Join(", ", now)} (see /v1/reference-data/concern-categories)."
                    : "Not a concern category code (see /v1/reference-data/concern-categories).");
            RuleFor(c => c.WhatHappened).Must(text => (draft && string.IsNullOrWhiteSpace(text)) || IsDescribed(text))
                .WithMessage("Say what the concern is, in your own words: what happened, or what you have seen or been told.")
                .MaximumLength(FieldLimits.Narrative);
            foreach (var narrative in new System.Linq.Expressions.Expression<Func<ConcernDetails, string?>>[]
                     { c => c.WhenAndWhere, c => c.HowKnown, c => c.Disclosure, c => c.ImpactOnChild, c => c.ChildsVoice,
                       c => c.WhatIsGoingWell, c => c.ActionsAlreadyTaken, c => c.OtherProfessionals, c => c.HopedOutcome })
                RuleFor(narrative).MaximumLength(FieldLimits.Narrative);
        }

        /// <summary>Two words or more: "dad hits them" is a concern; a blank, "x" or "not known" is not.</summary>
        private static bool IsDescribed(string? text) =>
            IsKnown(text) && text!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length >= 2;
    }

    private sealed class ReferrerViewValidator : AbstractValidator<ReferrerView>
    {
        public ReferrerViewValidator()
        {
            RuleFor(v => v.LevelOfNeed).InclusiveBetween(LevelsOfNeed.NotKnown, 4)
                .WithMessage("Give the level of need: 1 universal, 2 emerging needs, 3 intensive / complex, 4 specialist / " +
                             "child protection, or \"not-known\".");
            RuleFor(v => v.RiskReason).MaximumLength(FieldLimits.Reason);
        }
    }
}
