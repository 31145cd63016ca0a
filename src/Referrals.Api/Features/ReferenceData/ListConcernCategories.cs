using MediatR;
using Referrals.Api.Domain;
using static Referrals.Api.Features.ReferenceData.ReferenceData;

namespace Referrals.Api.Features.ReferenceData;

public sealed record ListConcernCategories : IRequest<IReadOnlyList<ConcernCategoryEntry>>
{
    public sealed class Handler : IRequestHandler<ListConcernCategories, IReadOnlyList<ConcernCategoryEntry>>
    {
        public Task<IReadOnlyList<ConcernCategoryEntry>> Handle(ListConcernCategories request, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ConcernCategoryEntry>>(ConcernCategories.All.Select(c => new ConcernCategoryEntry(c.Code, c.Name, c.CensusFactor, c.Local)).ToList());
    }
}
