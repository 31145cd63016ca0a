using Referrals.Api.Domain;

namespace Referrals.Api.Features.Drafts;

/// <summary>
/// The referral form as far as it is written: the same fields as <see cref="ReferralForm"/>, written the same way, but
/// none required yet. A type of its own so that the contract says so: a draft with no child or no concern is a draft.
/// </summary>
public sealed record DraftForm
{
    public Channel? Channel { get; init; }
    public string? AgencyCode { get; init; }
    public ReferrerDetails? Referrer { get; init; }
    public IReadOnlyList<ChildDetails>? Children { get; init; }
    public IReadOnlyList<SignificantAdult>? Household { get; init; }
    public ConsentDetails? Consent { get; init; }
    public ConcernDetails? Concern { get; init; }
    public ReferrerView? ReferrerView { get; init; }
    public DomesticAbuseNotification? DomesticAbuse { get; init; }

    public ReferralForm ToForm() => new()
    {
        Channel = Channel, AgencyCode = AgencyCode, Referrer = Referrer, Children = Children, Household = Household, Consent = Consent,
        Concern = Concern, ReferrerView = ReferrerView, DomesticAbuse = DomesticAbuse,
    };

    public static DraftForm Of(ReferralForm form) => new()
    {
        Channel = form.Channel, AgencyCode = form.AgencyCode, Referrer = form.Referrer, Children = form.Children, Household = form.Household,
        Consent = form.Consent, Concern = form.Concern, ReferrerView = form.ReferrerView, DomesticAbuse = form.DomesticAbuse,
    };
}
