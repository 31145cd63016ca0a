using MediatR;
using Referrals.Api.Domain;
using static Referrals.Api.Features.ReferenceData.ReferenceData;

namespace Referrals.Api.Features.ReferenceData;

public sealed record ListDisabilities : IRequest<IReadOnlyList<CensusEntry>>
{
    public sealed class Handler : IRequestHandler<ListDisabilities, IReadOnlyList<CensusEntry>>
    {
        public Task<IReadOnlyList<CensusEntry>> Handle(ListDisabilities request, CancellationToken cancellationToken) =>
            Task.FromResult(Census(CensusCodes.Disabilities));
    }
}
