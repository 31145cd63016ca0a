using Referrals.Api.Common;
using Referrals.Api.Features.Referrals;
using Referrals.Api.Features.Triage;
using static Referrals.IntegrationTests.Triage.Triaging;

namespace Referrals.IntegrationTests.Triage;

/// <summary>
/// The lifecycle as the API enforces it: every step tried from every state a referral rests in,
/// through HTTP. The domain's table is checked against the council's process in the unit tests;
/// here the API is checked against the domain's table, and a refused step changes nothing.
/// </summary>
public sealed class LifecycleOverHttpTests(Apps apps) : IClassFixture<Apps>
{
    private static readonly ReferralStatus[] RestingStates = Enum.GetValues<ReferralStatus>().Where(s => s != ReferralStatus.Decided).ToArray();

    [Theory, OnSqlite, OnPostgres]
    public async Task Every_step_from_every_state_is_allowed_or_refused_as_the_lifecycle_says(Engine engine)
    {
        var app = apps.For(engine);
        var seed = engine == Engine.Sqlite ? 500 : 600;
        foreach (var state in RestingStates)
        {
            foreach (var step in Enum.GetValues<TriageStep>())
            {
                var (referral, original) = await Bring(app, state, seed++);
                var response = await Take(app, referral, step, original);
                var allowed = ReferralLifecycle.Allows(state, step);
                if (allowed)
                {
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{step} from {state}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                else
                {
                    var problem = await response.Problem(HttpStatusCode.Conflict);
                    Assert.Equal(EnumWords.Of(state), problem.GetProperty("currentState").GetString());
                    var after = await Read(app.As(Roles.Manager), referral.Id);
                    Assert.Equal((state, referral.Version), (after.Status, after.Version));
                }
            }
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_referral_received_on_christmas_eve_is_due_after_the_bank_holidays(Engine engine)
    {
        var app = apps.For(engine);
        app.Clock.AdjustTime(new DateTimeOffset(2026, 12, 24, 14, 0, 0, TimeSpan.Zero));
        var referral = await Submit(app, Forms.Single("Holly", 700));
        // Friday 25 December and Monday 28 December (Boxing Day's substitute) are not working days.
        Assert.Equal(new DateTimeOffset(2026, 12, 29, 14, 0, 0, TimeSpan.Zero), referral.DecisionDueAt);
    }

    /// <summary>A one-child referral brought to the state through the API, and another about the same child to link it to.</summary>
    private static async Task<(GetReferral.ReferralDetail Referral, GetReferral.ReferralDetail Original)> Bring(ReferralsApp app, ReferralStatus state, int seed)
    {
        var practitioner = app.As(Roles.Practitioner, userId: "prac-1");
        var original = await Submit(app, Forms.Single("Lina", seed));
        var r = await Submit(app, Forms.Single("Lina", seed));
        switch (state)
        {
            case ReferralStatus.Submitted: return (r, original);
            case ReferralStatus.Withdrawn:
                return (await Send(app.As(Roles.Referrer, School), HttpMethod.Post, $"/v1/referrals/{r.Id}/withdraw", new WithdrawReferral.Body("Sent in error."), r.Version).Ok(), original);
            case ReferralStatus.Linked:
                return (await Send(practitioner, HttpMethod.Post, $"/v1/referrals/{r.Id}/link", new LinkDuplicate.Body(original.Id, "Same incident."), r.Version).Ok(), original);
        }
        r = await Triaging.Take(practitioner, r).Ok();
        switch (state)
        {
            case ReferralStatus.InTriage: return (r, original);
            case ReferralStatus.AwaitingInformation:
                return (await Send(practitioner, HttpMethod.Post, $"/v1/referrals/{r.Id}/information-requests", new RequestInformation.Body("Who lives at home?"), r.Version).Ok(), original);
            case ReferralStatus.MultiAgencyChecks: return (await Rate(practitioner, r, RagRating.Amber).Ok(), original);
        }
        // Accepted for assessment, so that a child decided is one the case can be allocated for.
        r = await Decide(practitioner, r, 0, Assessment).Ok();
        if (state == ReferralStatus.AwaitingSignOff) return (r, original);
        r = await SignOff(app.As(Roles.Manager, userId: "mgr-1"), r, 0, new SignOffDecision.Body(SignOffResult.Agreed, null, null)).Ok();
        if (state == ReferralStatus.OutcomeReady) return (r, original);
        return (await Send(practitioner, HttpMethod.Post, $"/v1/referrals/{r.Id}/close", new CloseReferral.Body(null), r.Version).Ok(), original);
    }

    private static Task<HttpResponseMessage> Take(ReferralsApp app, GetReferral.ReferralDetail r, TriageStep step, GetReferral.ReferralDetail original)
    {
        var practitioner = app.As(Roles.Practitioner, userId: "prac-1");
        var url = $"/v1/referrals/{r.Id}";
        return step switch
        {
            TriageStep.Assign => Send(app.As(Roles.Manager, userId: "mgr-2"), HttpMethod.Post, $"{url}/assignment", new AssignReferral.Body(null, null), r.Version),
            TriageStep.RequestInformation => Send(practitioner, HttpMethod.Post, $"{url}/information-requests", new RequestInformation.Body("Any other children?"), r.Version),
            TriageStep.AnswerInformation => Send(app.As(Roles.Referrer, School), HttpMethod.Post,
                $"{url}/information-requests/{r.InformationRequests.LastOrDefault()?.Id ?? Guid.NewGuid()}/answer", new AnswerInformationRequest.Body("No."), r.Version),
            TriageStep.RateRag => Rate(practitioner, r, RagRating.Red),
            TriageStep.RecordCheck => Send(practitioner, HttpMethod.Post, $"{url}/checks", new RecordCheck.Body("Derbyshire Constabulary", "Nothing known.", app.Clock.GetUtcNow()), r.Version),
            TriageStep.Decide => Decide(practitioner, r, 0),
            TriageStep.SignOff => SignOff(app.As(Roles.Manager, userId: "mgr-2"), r, 0, new SignOffDecision.Body(SignOffResult.Agreed, null, null)),
            TriageStep.Link => Send(practitioner, HttpMethod.Post, $"{url}/link", new LinkDuplicate.Body(original.Id, "Same incident."), r.Version),
            TriageStep.Close => Send(practitioner, HttpMethod.Post, $"{url}/close", new CloseReferral.Body(null), r.Version),
            TriageStep.Withdraw => Send(app.As(Roles.Referrer, School), HttpMethod.Post, $"{url}/withdraw", new WithdrawReferral.Body("Sent in error."), r.Version),
            TriageStep.Allocate => Send(practitioner, HttpMethod.Put, $"{url}/children/{r.Contacts[0].Id}/allocation",
                new AllocateChild.Body("Derby City Assessment Team 1", "Jo Social-Worker"), r.Version),
            _ => throw new ArgumentOutOfRangeException(nameof(step)),
        };
    }
}
