using MediatR;
using Referrals.Api.Domain;
using static Referrals.Api.Features.ReferenceData.ReferenceData;

namespace Referrals.Api.Features.ReferenceData;

public sealed record ListGenders : IRequest<IReadOnlyList<CensusEntry>>
{
    public sealed class Handler : IRequestHandler<ListGenders, IReadOnlyList<CensusEntry>>
    {
        public Task<IReadOnlyList<CensusEntry>> Handle(ListGenders request, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<CensusEntry>>(Enum.GetValues<Gender>()
                .Select(g => (Word: EnumWords.Of(g), Census: CensusCodes.GenderOf(g)))
                .Select(g => new CensusEntry(g.Word, g.Census.Label, g.Census.Value)).ToList());
    }
}
