using Referrals.Api.Features.Referrals;
using Referrals.Api.Features.Triage;
using Referrals.Api.Features.Feedback;
using static Referrals.IntegrationTests.Triage.Triaging;

namespace Referrals.IntegrationTests.Feedback;

/// <summary>A referral taken through every triage step, so the referrer's view can be checked against everything triage records.</summary>
public static class Feedbacking
{
    public const string RagReason = "Rated Red on what we know.";
    public const string CheckShared = "One domestic incident at the address in September; partner on bail.";
    public const string SignOffComment = "Agreed: proportionate, and Ben's bruise needs seeing.";

    public static async Task<GetReferral.ReferralDetail> ToOutcome(ReferralsApp app, ReferralForm? form = null)
    {
        var practitioner = app.As(Roles.Practitioner, name: "Sam Social Worker", userId: "prac-sam");
        var manager = app.As(Roles.Manager, name: "Alex Manager", userId: "mgr-alex");
        var referral = await Submit(app, form);
        referral = await Take(practitioner, referral).Ok();
        referral = await Send(practitioner, HttpMethod.Post, $"/v1/referrals/{referral.Id}/information-requests",
            new RequestInformation.Body("Who lives at home with the children?"), referral.Version).Ok();
        var school = await Read(app.As(Roles.Referrer, School), referral.Id);
        await Send(app.As(Roles.Referrer, School), HttpMethod.Post, $"/v1/referrals/{referral.Id}/information-requests/{school.InformationRequests[0].Id}/answer",
            new AnswerInformationRequest.Body("Mother, her partner and the two children."), school.Version).Ok();
        referral = await Read(practitioner, referral.Id);
        referral = await Rate(practitioner, referral, RagRating.Red).Ok();
        referral = await Send(practitioner, HttpMethod.Post, $"/v1/referrals/{referral.Id}/checks",
            new RecordCheck.Body("Derbyshire Constabulary", CheckShared, app.Clock.GetUtcNow()), referral.Version).Ok();
        for (var child = 0; child < referral.Contacts.Count; child++)
            referral = await Decide(practitioner, referral, child, Assessment).Ok();
        for (var child = 0; child < referral.Contacts.Count; child++)
            referral = await SignOff(manager, referral, child, new SignOffDecision.Body(SignOffResult.Agreed, SignOffComment, null)).Ok();
        Assert.Equal(ReferralStatus.OutcomeReady, referral.Status);
        return referral;
    }

    public static async Task<CreateSubscription.CreatedSubscription> Subscribe(ReferralsApp app, string url, string agency = School) =>
        await (await app.As(Roles.Manager).PostJson("/v1/feedback/subscriptions", new CreateSubscription.Body(agency, url)))
            .Read<CreateSubscription.CreatedSubscription>(HttpStatusCode.Created);

    /// <summary>Runs the app's worker until nothing more is due now.</summary>
    public static async Task Drain(ReferralsApp app)
    {
        while (await app.Dispatcher.DeliverDueAsync(CancellationToken.None) > 0) { }
    }
}
