using System.Text;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Features.Referrals;
using Referrals.IntegrationTests.Feedback;
using static Referrals.IntegrationTests.Triage.Triaging;

namespace Referrals.IntegrationTests.Metrics;

public sealed class InspectionListTests
{
    private static async Task<string[][]> Export(HttpClient client, string list, string range)
    {
        var response = await client.GetAsync($"/v1/exports/{list}?{range}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        return Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToArray();
    }

    /// <summary>Found by the hostile-input suite's "parameter left out": a missing 'to' answered 500.</summary>
    [Theory, OnSqlite, OnPostgres]
    public async Task A_range_without_its_end_or_start_is_refused_naming_it(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        var manager = app.As(Roles.Manager);
        foreach (var list in new[] { "contacts", "referrals" })
        {
            Assert.Equal(["to"], (await (await manager.GetAsync($"/v1/exports/{list}?from=2026-11-09")).Problem(HttpStatusCode.UnprocessableEntity)).ErrorFields());
            Assert.Equal(["from"], (await (await manager.GetAsync($"/v1/exports/{list}?to=2026-11-09")).Problem(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task The_lists_have_ofsteds_columns_and_a_row_per_child_per_contact(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        app.Clock.Set(new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.Zero));
        await Submit(app); // Amy and Ben, months ago
        app.Clock.Set(FakeClock.TuesdayMorning);
        var decided = await Feedbacking.ToOutcome(app); // Amy (a re-referral) and Ben, both to assessment
        var withdrawn = await Submit(app, Forms.Single("Wyn", 800));
        await (await Referrals.WithdrawReferralTests.Withdraw(app.As(Roles.Referrer, School), withdrawn.Id, "Sent in error.")).Read<GetReferral.ReferralDetail>();

        var manager = app.As(Roles.Manager);
        var contacts = await Export(manager, "contacts", "from=2026-11-01&to=2026-11-30");
        Assert.Equal(["Child ID", "Gender", "Ethnicity", "Date of birth", "Age", "Date of contact", "Contact source"], contacts[0]);
        Assert.Equal(3, contacts.Length - 1); // Amy, Ben, and Wyn on the withdrawn referral: every contact
        var amy = contacts[1];
        Assert.Equal(["female", "White British", "14/03/2015", "11", "24/11/2026", "2A SCHOOLS"], amy[1..]);
        Assert.Matches("^C[0-9A-HJKMNP-TV-Z]{16}$", amy[0]);

        var referrals = await Export(app.As(Roles.Auditor), "referrals", "from=2026-11-01&to=2026-11-30");
        Assert.Equal(["Child ID", "Gender", "Ethnicity", "Date of birth", "Age", "Date of referral", "Referral source", "Referral NFA",
            "Number of referrals in last 12 months", "Allocated team", "Allocated worker"], referrals[0]);
        Assert.Equal(2, referrals.Length - 1); // the withdrawn referral is not a referral
        Assert.Equal([amy[0], "No", "2", "Derby City Assessment Team 2", "Sam Social Worker"], [referrals[1][0], .. referrals[1][7..]]);
        Assert.Equal("2", referrals[2][8]); // Ben has no NHS number: matched on name and date of birth
        var earlier = await Export(manager, "referrals", "from=2026-06-01&to=2026-06-01");
        Assert.Equal(["", "1", "", ""], earlier[1][7..]); // not decided yet: NFA blank, unallocated

        await using var db = app.Db();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "export.contacts-list"));
        Assert.Contains(await db.AuditEntries.Where(a => a.Action == "export.referrals-list").Select(a => a.ReferralId).ToListAsync(), id => id == decided.Id);
    }

    /// <summary>
    /// The child id was once "C" and 12 hex digits of an unsalted SHA-256 of the NHS number: trying every valid number
    /// reversed it. Now it is random, stored per known child: stable across lists and time, and nothing in any list is
    /// worked out from an identifier without a secret.
    /// </summary>
    [Theory, OnSqlite, OnPostgres]
    public async Task The_child_id_is_random_stable_and_carries_nothing_about_the_child(Engine engine)
    {
        string[] AmysIds(string[][] list) => list.Skip(1).Where(row => row[3] == "14/03/2015").Select(row => row[0]).Distinct().ToArray();
        var ids = new List<string>();
        foreach (var _ in new[] { "this council", "another council" })
        {
            using var app = new ReferralsApp(engine);
            await Submit(app);
            var contacts = await Export(app.As(Roles.Manager), "contacts", "from=2026-11-01&to=2026-11-30");
            app.Clock.Advance(TimeSpan.FromDays(40));
            await Submit(app); // Amy again, a month later
            var referrals = await Export(app.As(Roles.Auditor), "referrals", "from=2026-11-01&to=2027-01-31");
            var later = await Export(app.As(Roles.Manager), "contacts", "from=2026-11-01&to=2027-01-31");
            // One id for Amy in every list and export, then and later.
            var amy = Assert.Single(AmysIds(contacts));
            Assert.Equal([amy], AmysIds(referrals));
            Assert.Equal([amy], AmysIds(later));
            Assert.Equal(2, later.Skip(1).Count(row => row[0] == amy));
            ids.Add(amy);

            // Nothing derived from Amy's identifiers without a secret: not the number, not any hash of what matches her.
            var text = string.Join("\n", contacts.Concat(referrals).Concat(later).Select(row => string.Join(",", row)));
            foreach (var identity in new[] { "nhs:9434765919", "9434765919", "name:amy example|2015-03-14", "amy example" })
            {
                var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
                for (var start = 0; start + 8 <= hash.Length; start += 4)
                    Assert.DoesNotContain(hash.Substring(start, 8), text, StringComparison.OrdinalIgnoreCase);
            }
            Assert.DoesNotContain("9434765919", text);
        }
        // The same child in another council's service has another id: it is not worked out from who the child is.
        Assert.NotEqual(ids[0], ids[1]);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Only_managers_and_auditors_export_and_ranges_are_checked(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        foreach (var role in new[] { Roles.Analyst, Roles.Practitioner })
            await (await app.As(role).GetAsync("/v1/exports/contacts?from=2026-11-01&to=2026-11-30")).Problem(HttpStatusCode.Forbidden);
        await (await app.As(Roles.Referrer, School).GetAsync("/v1/exports/referrals?from=2026-11-01&to=2026-11-30")).Problem(HttpStatusCode.Forbidden);
        var bad = await (await app.As(Roles.Manager).GetAsync("/v1/exports/referrals?from=2024-01-01&to=2026-11-30")).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["to"], bad.ErrorFields());
        await (await app.As(Roles.Manager).GetAsync("/v1/exports/contacts")).Problem(HttpStatusCode.UnprocessableEntity);
    }
}
