using MediatR;
using Referrals.Api.Domain;
using static Referrals.Api.Features.ReferenceData.ReferenceData;

namespace Referrals.Api.Features.ReferenceData;

public sealed record ListRiskLevels : IRequest<IReadOnlyList<CodeEntry>>
{
    public sealed class Handler : IRequestHandler<ListRiskLevels, IReadOnlyList<CodeEntry>>
    {
        public Task<IReadOnlyList<CodeEntry>> Handle(ListRiskLevels request, CancellationToken cancellationToken) =>
            Task.FromResult(Words<RiskLevel>());
    }
}
