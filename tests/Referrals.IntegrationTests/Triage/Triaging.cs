using System.Net.Http.Json;
using Referrals.Api.Common;
using Referrals.Api.Features.Referrals;
using Referrals.Api.Features.Triage;

namespace Referrals.IntegrationTests.Triage;

/// <summary>Steps of the triage workflow through HTTP, with the ETag handed on from each answer to the next change.</summary>
public static class Triaging
{
    public const string School = "SCH-DERBY-MOOR";

    public static async Task<GetReferral.ReferralDetail> Submit(ReferralsApp app, ReferralForm? form = null)
    {
        var ack = await (await app.As(Roles.Referrer, School).PostJson("/v1/referrals", form ?? Forms.Siblings())).Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        return await Read(app.As(Roles.Practitioner), ack.Id);
    }

    public static async Task<GetReferral.ReferralDetail> Read(HttpClient client, Guid id) =>
        await (await client.GetAsync($"/v1/referrals/{id}")).Read<GetReferral.ReferralDetail>();

    public static Task<HttpResponseMessage> Send<T>(HttpClient client, HttpMethod method, string url, T body, int? version) =>
        client.SendJson(method, url, body, version is null ? null : $"\"{version}\"");

    public static async Task<GetReferral.ReferralDetail> Ok(this Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        var detail = await response.Read<GetReferral.ReferralDetail>();
        Assert.Equal($"\"{detail.Version}\"", response.Headers.ETag?.Tag);
        return detail;
    }

    public static Task<HttpResponseMessage> Take(HttpClient client, GetReferral.ReferralDetail r) =>
        Send(client, HttpMethod.Post, $"/v1/referrals/{r.Id}/assignment", new AssignReferral.Body(null, null), r.Version);

    public static Task<HttpResponseMessage> Rate(HttpClient client, GetReferral.ReferralDetail r, RagRating rating) =>
        Send(client, HttpMethod.Put, $"/v1/referrals/{r.Id}/rag", new RateReferral.Body(rating, $"Rated {rating} on what we know."), r.Version);

    public static Task<HttpResponseMessage> Decide(HttpClient client, GetReferral.ReferralDetail r, int child, DecisionBody? decision = null) =>
        Send(client, HttpMethod.Post, $"/v1/referrals/{r.Id}/children/{r.Contacts[child].Id}/decision", decision ?? EarlyHelp, r.Version);

    public static Task<HttpResponseMessage> SignOff(HttpClient client, GetReferral.ReferralDetail r, int child, SignOffDecision.Body body) =>
        Send(client, HttpMethod.Post, $"/v1/referrals/{r.Id}/children/{r.Contacts[child].Id}/decision/sign-off", body, r.Version);

    /// <summary>Takes the referral, decides every child the same way and signs each decision off: the shortest way to an outcome.</summary>
    public static async Task<GetReferral.ReferralDetail> DecideEveryChild(ReferralsApp app, Guid id, DecisionBody decision)
    {
        var practitioner = app.As(Roles.Practitioner, userId: "prac-1");
        var referral = await Take(practitioner, await Read(practitioner, id)).Ok();
        for (var child = 0; child < referral.Contacts.Count; child++) referral = await Decide(practitioner, referral, child, decision).Ok();
        for (var child = 0; child < referral.Contacts.Count; child++)
            referral = await SignOff(app.As(Roles.Manager, userId: "mgr-1"), referral, child, new SignOffDecision.Body(SignOffResult.Agreed, null, null)).Ok();
        return referral;
    }

    /// <summary>
    /// A referral received at that time, from the school through its form or, given an agency, by phone to a practitioner,
    /// and decided there and then for every child when a decision is given.
    /// </summary>
    public static async Task SubmitAt(ReferralsApp app, DateTimeOffset when, ReferralForm form, DecisionBody? decision = null, string? agency = null)
    {
        app.Clock.AdjustTime(when);
        var response = agency is null
            ? await app.As(Roles.Referrer, School).PostJson("/v1/referrals", form)
            : await app.As(Roles.Practitioner).PostJson("/v1/referrals",
                form with { Channel = Channel.Phone, AgencyCode = agency, Referrer = Forms.ByPhone().Referrer });
        var ack = await response.Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        if (decision is not null) await DecideEveryChild(app, ack.Id, decision);
    }

    public static readonly DecisionBody EarlyHelp = new(
        DecisionOutcome.EarlyHelp, 2, "Needs are about routines and food at home; no evidence of significant harm at this point.",
        "We have offered the family early help; a family practitioner will be in touch with school.", null,
        QualityRating.Adequate, [QualityReason.ChildsVoiceAbsent], null, "Early Help Derby South");

    public static readonly DecisionBody Assessment = new(
        DecisionOutcome.SocialCareAssessment, 3, "Unexplained bruise with a pattern of neglect and police history: a child in need assessment is needed.",
        "A social worker will assess the family's needs and contact school this week.", null,
        QualityRating.Good, [], "N1", "Derby City Assessment Team 2");
}
