using MediatR;
using static Referrals.Api.Features.ReferenceData.ReferenceData;

namespace Referrals.Api.Features.ReferenceData;

public sealed record GetQualityRubric : IRequest<RubricEntry>
{
    public sealed class Handler : IRequestHandler<GetQualityRubric, RubricEntry>
    {
        public Task<RubricEntry> Handle(GetQualityRubric request, CancellationToken cancellationToken) =>
            Task.FromResult(RubricEntry.Current);
    }
}
