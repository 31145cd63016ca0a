using MediatR;
using Referrals.Api.Domain;
using static Referrals.Api.Features.ReferenceData.ReferenceData;

namespace Referrals.Api.Features.ReferenceData;

public sealed record ListAgencies : IRequest<IReadOnlyList<AgencyEntry>>
{
    public sealed class Handler(AgencyDirectory agencies) : IRequestHandler<ListAgencies, IReadOnlyList<AgencyEntry>>
    {
        public Task<IReadOnlyList<AgencyEntry>> Handle(ListAgencies request, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<AgencyEntry>>(agencies.All
                .Select(a => (Agency: a, Source: ReferralSource.For(a.Type)))
                .Select(x => new AgencyEntry(x.Agency.Code, x.Agency.Name, x.Agency.Type, x.Source.Value, x.Source.Label, x.Agency.Area, x.Agency.Locality,
                    x.Agency.Active))
                .ToList());
    }
}
