using Microsoft.EntityFrameworkCore;
using Referrals.Api.Features.Metrics;
using Referrals.Api.Features.Referrals;
using Referrals.IntegrationTests.Feedback;
using static Referrals.IntegrationTests.Triage.Triaging;

namespace Referrals.IntegrationTests.Metrics;

public sealed class MetricsTests
{
    /// <param name="accept">Also accept every child for assessment there and then, so each contact is a referral.</param>
    private static Task At(ReferralsApp app, DateTimeOffset when, ReferralForm form, string? agency = null, bool accept = false) =>
        SubmitAt(app, when, form, accept ? Assessment : null, agency);

    private static async Task<ReadFigures.FiguresTable> Figures(ReferralsApp app, string role, string query) =>
        await (await app.As(role).GetAsync($"/v1/metrics/{query}")).Read<ReadFigures.FiguresTable>();

    [Theory, OnSqlite, OnPostgres]
    public async Task Contacts_fall_in_the_fortnight_of_their_london_day_and_re_referral_counts_up_to_exactly_twelve_months(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        // Fortnights run from Monday 5 January 2026: 9-22 November, then 23 November to 6 December.
        await At(app, new DateTimeOffset(2025, 11, 24, 10, 0, 0, TimeSpan.Zero), Forms.Single("Pia", 101), accept: true);
        await At(app, new DateTimeOffset(2025, 11, 24, 9, 59, 0, TimeSpan.Zero), Forms.Single("Quin", 102), accept: true);
        await At(app, new DateTimeOffset(2026, 11, 22, 23, 59, 0, TimeSpan.Zero), Forms.Siblings("Rae", "Late"), accept: true); // Sunday night: first fortnight
        await At(app, new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), Forms.Single("Pia", 101), accept: true); // within 12 months of the first
        await At(app, new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), Forms.Single("Pia", 101), accept: true); // re-referral either way
        await At(app, new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), Forms.Single("Quin", 102), accept: true); // 12 months and a minute: not
        await At(app, new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero),
            Forms.Siblings("Sam", "Phone").WithChild(0, c => c with { NhsNumber = Forms.NhsNumber(500) }), "POLICE-DERBYSHIRE", accept: true);

        var volume = await Figures(app, Roles.Manager, "volume?from=2026-11-09&to=2026-11-30&breakdown=agency");
        Assert.Equal([(new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 22)), (new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 30))],
            volume.Periods.Select(p => (p.Start, p.End)));
        var (first, second) = (volume.Periods[0], volume.Periods[1]);
        Assert.Equal((2.0, 1.0, 2.0, 2.0), (first.Total["contacts"].Value!.Value, first.Total["formsReceived"].Value!.Value,
            first.Total["referrals"].Value!.Value, first.Total["children"].Value!.Value));
        Assert.Equal((5.0, 4.0, 5.0, 4.0), (second.Total["contacts"].Value!.Value, second.Total["formsReceived"].Value!.Value,
            second.Total["referrals"].Value!.Value, second.Total["children"].Value!.Value));
        Assert.Equal(["POLICE-DERBYSHIRE", School], second.Groups.Select(g => g.Key));
        Assert.Equal((2.0, 0.0), (second.Groups[0].Figures["contactsByPhoneEmailOrInPerson"].Value!.Value, second.Groups[1].Figures["contactsByPhoneEmailOrInPerson"].Value!.Value));

        await using var db = app.Db();
        var facts = await db.ContactFacts.AsNoTracking().OrderBy(f => f.ReceivedAt).ThenBy(f => f.ContactId).ToListAsync();
        var reReferred = facts.Where(f => f.ReReferral).Select(f => (f.ReceivedAt, f.ReferralsInTwelveMonths)).ToList();
        Assert.Equal(
            [(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), 2), (new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), 3)],
            reReferred);
        var outcomes = await Figures(app, Roles.Manager, "outcomes?from=2026-11-23&to=2026-11-24&interval=week");
        Assert.Equal((5.0, 100.0, 2.0, 40.0), (outcomes.Periods[0].Total["referrals"].Value!.Value, outcomes.Periods[0].Total["conversionRatePercent"].Value!.Value,
            outcomes.Periods[0].Total["reReferrals"].Value!.Value, outcomes.Periods[0].Total["reReferralPercent"].Value!.Value));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Analysts_see_small_counts_suppressed_with_a_second_cell_where_one_alone_would_give_it_away(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        var day = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 4; i++) await At(app, day.AddMinutes(i), Forms.Siblings($"Sib{i}", "School"));     // school: 8 contacts
        for (var i = 0; i < 5; i++) await At(app, day.AddMinutes(10 + i), Forms.Single($"Gp{i}", 200 + i), "GP-OSMASTON"); // GP: 5
        await At(app, day.AddMinutes(20), Forms.Single("Pol", 300), "POLICE-DERBYSHIRE");                                 // police: 1
        const string query = "volume?from=2026-11-23&to=2026-12-06&breakdown=agency";

        var analyst = await Figures(app, Roles.Analyst, query);
        Assert.True(analyst.Suppressed);
        var groups = analyst.Periods.Single().Groups.ToDictionary(g => g.Key, g => g.Figures["contacts"]);
        Assert.Equal(new Figure(14), analyst.Periods.Single().Total["contacts"]);
        Assert.Equal(new Figure(8), groups[School]);
        Assert.Equal(new Figure(null, true), groups["POLICE-DERBYSHIRE"]); // 1: primary
        Assert.Equal(new Figure(null, true), groups["GP-OSMASTON"]);       // 5, but 14 - 8 would give the police away: secondary

        var manager = await Figures(app, Roles.Manager, query);
        Assert.False(manager.Suppressed);
        Assert.Equal([5.0, 1.0, 8.0], manager.Periods.Single().Groups.Select(g => g.Figures["contacts"].Value!.Value));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Only_analysts_and_managers_read_figures_and_bad_ranges_are_refused(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        foreach (var role in new[] { Roles.Practitioner, Roles.Auditor })
            await (await app.As(role).GetAsync("/v1/metrics/volume?from=2026-11-01&to=2026-11-30")).Problem(HttpStatusCode.Forbidden);
        await (await app.As(Roles.Referrer, School).GetAsync("/v1/metrics/quality?from=2026-11-01&to=2026-11-30")).Problem(HttpStatusCode.Forbidden);
        var bad = await (await app.As(Roles.Analyst).GetAsync("/v1/metrics/timeliness?from=2026-11-30&to=2026-11-01&interval=daily&breakdown=colour")).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["breakdown", "from", "interval", "to"], bad.ErrorFields().Order());
        await (await app.As(Roles.Analyst).GetAsync("/v1/metrics/timeliness?to=2026-11-30")).Problem(HttpStatusCode.UnprocessableEntity);
        await (await app.As(Roles.Analyst).GetAsync("/v1/metrics/volume?from=2000-01-01&to=2026-11-30&interval=week")).Problem(HttpStatusCode.UnprocessableEntity);
        await (await app.As(Roles.Analyst).GetAsync("/v1/metrics/volume?from=yesterday&to=2026-11-30")).Problem(HttpStatusCode.BadRequest);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task The_summary_rows_equal_figures_recomputed_from_the_raw_records(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        var decided = await Feedbacking.ToOutcome(app);
        await At(app, app.Clock.GetUtcNow().AddHours(1), Forms.Siblings("Tia", "Again"), "HOUSING-DERBY");
        var withdrawn = await Submit(app, Forms.Single("Una", 400));
        await (await Referrals.WithdrawReferralTests.Withdraw(app.As(Roles.Referrer, School), withdrawn.Id, "Sent in error.")).Read<GetReferral.ReferralDetail>();
        var practitioner = app.As(Roles.Practitioner);
        var taken = await Take(practitioner, await Submit(app, Forms.Single("Vic", 401))).Ok();
        await Decide(practitioner, taken, 0, EarlyHelp).Ok(); // awaiting sign-off: decided, no final outcome

        List<ContactFact> kept, rebuilt;
        await using (var db = app.Db())
        {
            kept = await db.ContactFacts.AsNoTracking().OrderBy(f => f.ContactId).ToListAsync();
            await db.ContactFacts.ExecuteDeleteAsync();
        }
        await ContactFactsBackfill.RunAsync(app.Services);
        await using (var db = app.Db())
            rebuilt = await db.ContactFacts.AsNoTracking().OrderBy(f => f.ContactId).ToListAsync();

        Assert.Equal(6, kept.Count);
        Assert.Equivalent(kept, rebuilt, strict: true);
        Assert.Contains(kept, f => f.ReferralId == decided.Id && f.Outcome == DecisionOutcome.SocialCareAssessment && f.OutcomeReadyAt is not null);
        Assert.Contains(kept, f => f.ReferralId == taken.Id && f.Outcome is null && f.DecidedAt is not null && f.QualityRating == QualityRating.Adequate);
        Assert.Contains(kept, f => f.ReferralId == withdrawn.Id && f.Status == ReferralStatus.Withdrawn);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Analysts_reach_no_per_referral_data_and_no_inspection_list(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        var referral = await Feedbacking.ToOutcome(app);
        var analyst = app.As(Roles.Analyst);
        foreach (var url in new[]
                 {
                     "/v1/referrals", $"/v1/referrals/{referral.Id}", $"/v1/referrals/{referral.Id}/submission", $"/v1/referrals/{referral.Id}/outcome",
                     $"/v1/referrals/{referral.Id}/feedback-status", $"/v1/referrals/{referral.Id}/audit", "/v1/triage/queue", "/v1/feedback/events",
                     "/v1/feedback/subscriptions", "/v1/exports/contacts?from=2026-11-01&to=2026-11-30", "/v1/exports/referrals?from=2026-11-01&to=2026-11-30",
                 })
            await (await analyst.GetAsync(url)).Problem(HttpStatusCode.Forbidden);
        // What they do read names no child.
        var text = await (await analyst.GetAsync("/v1/metrics/fortnightly-report?fortnight=2026-11-23")).Content.ReadAsStringAsync();
        foreach (var personal in new[] { "Amy", "Ben", "Example", "9434765919", "DE1" })
            Assert.DoesNotContain(personal, text);
    }
}
