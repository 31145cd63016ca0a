using MediatR;
using Referrals.Api.Domain;
using static Referrals.Api.Features.ReferenceData.ReferenceData;

namespace Referrals.Api.Features.ReferenceData;

public sealed record ListLevelsOfNeed : IRequest<IReadOnlyList<LevelOfNeedEntry>>
{
    public sealed class Handler : IRequestHandler<ListLevelsOfNeed, IReadOnlyList<LevelOfNeedEntry>>
    {
        public Task<IReadOnlyList<LevelOfNeedEntry>> Handle(ListLevelsOfNeed request, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<LevelOfNeedEntry>>(LevelsOfNeed.All.Select(l => new LevelOfNeedEntry(l.Value, l.Name, l.Description)).ToList());
    }
}
