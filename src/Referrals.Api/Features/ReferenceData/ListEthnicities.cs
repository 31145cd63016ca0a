using MediatR;
using Referrals.Api.Domain;
using static Referrals.Api.Features.ReferenceData.ReferenceData;

namespace Referrals.Api.Features.ReferenceData;

public sealed record ListEthnicities : IRequest<IReadOnlyList<CensusEntry>>
{
    public sealed class Handler : IRequestHandler<ListEthnicities, IReadOnlyList<CensusEntry>>
    {
        public Task<IReadOnlyList<CensusEntry>> Handle(ListEthnicities request, CancellationToken cancellationToken) =>
            Task.FromResult(Census(CensusCodes.Ethnicities));
    }
}
