using MediatR;
using Referrals.Api.Domain;
using static Referrals.Api.Features.ReferenceData.ReferenceData;

namespace Referrals.Api.Features.ReferenceData;

public sealed record ListChannels : IRequest<IReadOnlyList<CodeEntry>>
{
    public sealed class Handler : IRequestHandler<ListChannels, IReadOnlyList<CodeEntry>>
    {
        public Task<IReadOnlyList<CodeEntry>> Handle(ListChannels request, CancellationToken cancellationToken) =>
            Task.FromResult(Words<Channel>());
    }
}
