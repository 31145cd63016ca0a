using FluentValidation;
using MediatR;
using Referrals.Api.Common;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Referrals;

/// <summary>
/// The check a submission gets, without storing anything: the same validation (422 with each
/// field at fault) and, for a form that would be accepted, its quality score and findings.
/// </summary>
public static class CheckReferralQuality
{
    public sealed record Query(ReferralForm Draft) : IRequest<QualityRubric.Assessment>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(ReferralFormValidator form) => RuleFor(q => q.Draft).ReportedAs(form, prefix: "");
    }

    public sealed class Handler(TimeProvider clock) : IRequestHandler<Query, QualityRubric.Assessment>
    {
        public Task<QualityRubric.Assessment> Handle(Query query, CancellationToken cancellationToken) =>
            Task.FromResult(QualityRubric.Assess(query.Draft, LondonTime.DayOf(clock.GetUtcNow())));
    }
}
