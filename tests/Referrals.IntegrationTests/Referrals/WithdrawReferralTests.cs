using System.Net.Http.Json;
using Referrals.Api.Common;
using Referrals.Api.Features.Referrals;

namespace Referrals.IntegrationTests.Referrals;

public sealed class WithdrawReferralTests(Apps apps) : IClassFixture<Apps>
{
    private const string School = "SCH-DERBY-MOOR";

    private static async Task<Guid> Submit(ReferralsApp app) =>
        (await (await app.As(Roles.Referrer, School).PostJson("/v1/referrals", Forms.Siblings())).Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created)).Id;

    internal static Task<HttpResponseMessage> Withdraw(HttpClient client, Guid id, string? reason, string? ifMatch = null) =>
        client.SendJson(HttpMethod.Post, $"/v1/referrals/{id}/withdraw", new WithdrawReferral.Body(reason), ifMatch);

    [Theory, OnSqlite, OnPostgres]
    public async Task Referrer_withdraws_a_submitted_referral_with_a_reason(Engine engine)
    {
        var app = apps.For(engine);
        var id = await Submit(app);
        app.Clock.Advance(TimeSpan.FromMinutes(20));

        var response = await Withdraw(app.As(Roles.Referrer, School), id, "Sent in error.", ifMatch: "\"1\"");
        var detail = await response.Read<GetReferral.ReferralDetail>();
        Assert.Equal(ReferralStatus.Withdrawn, detail.Status);
        Assert.Equal(new Withdrawal(TestClock.TuesdayMorning.AddMinutes(20), "Sent in error."), detail.Withdrawal);
        Assert.Equal(2, detail.Version);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_withdrawn_referral_cannot_be_withdrawn_again(Engine engine)
    {
        var app = apps.For(engine);
        var id = await Submit(app);
        var client = app.As(Roles.Referrer, School);
        await (await Withdraw(client, id, "Sent in error.")).Read<GetReferral.ReferralDetail>();

        var problem = await (await Withdraw(client, id, "Again.")).Problem(HttpStatusCode.Conflict);
        Assert.Equal("withdrawn", problem.GetProperty("currentState").GetString());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_stale_if_match_is_refused_and_changes_nothing(Engine engine)
    {
        var app = apps.For(engine);
        var id = await Submit(app);
        var client = app.As(Roles.Referrer, School);

        await (await Withdraw(client, id, "Sent in error.", ifMatch: "\"7\"")).Problem(HttpStatusCode.PreconditionFailed);
        await (await Withdraw(client, id, "Sent in error.", ifMatch: "garbage")).Problem(HttpStatusCode.PreconditionFailed);
        var detail = await (await client.GetAsync($"/v1/referrals/{id}")).Read<GetReferral.ReferralDetail>();
        Assert.Equal(ReferralStatus.Submitted, detail.Status);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Two_withdrawals_at_once_are_detected_not_overwritten(Engine engine)
    {
        var app = apps.For(engine);
        var id = await Submit(app);
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Withdraw(app.As(Roles.Referrer, School, userId: $"w{i}"), id, $"Reason {i}")));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        // A loser either saw the winner's change (409: withdrawn) or collided with it (412: changed meanwhile).
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.PreconditionFailed }));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Withdrawal_needs_a_reason_and_a_referrer(Engine engine)
    {
        var app = apps.For(engine);
        var id = await Submit(app);
        Assert.Equal(["reason"], (await (await Withdraw(app.As(Roles.Referrer, School), id, " ")).Problem(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        foreach (var role in new[] { Roles.Practitioner, Roles.Manager, Roles.Analyst, Roles.Auditor })
            await (await Withdraw(app.As(role), id, "Not mine to withdraw.")).Problem(HttpStatusCode.Forbidden);
    }
}
