using System.Text;
using Referrals.Api.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Features.Referrals;
using Referrals.Api.Features.Triage;
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
    public async Task The_lists_are_ofsteds_list_1_of_contacts_and_list_3_of_accepted_referrals(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        app.Clock.AdjustTime(new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.Zero));
        await Feedbacking.ToOutcome(app); // Amy and Ben, months ago, both accepted for assessment
        app.Clock.AdjustTime(TestClock.TuesdayMorning);
        var decided = await Feedbacking.ToOutcome(app); // Amy and Ben again: re-referrals
        var withdrawn = await Submit(app, Forms.Single("Wyn", 800));
        await (await Referrals.WithdrawReferralTests.Withdraw(app.As(Roles.Referrer, School), withdrawn.Id, "Sent in error.")).Read<GetReferral.ReferralDetail>();
        var earlyHelp = await Submit(app, Forms.Single("Eve", 801));
        var practitioner = app.As(Roles.Practitioner, name: "Sam Social Worker", userId: "prac-sam");
        earlyHelp = await Take(practitioner, earlyHelp).Ok();
        await Decide(practitioner, earlyHelp, 0, EarlyHelp).Ok();

        var manager = app.As(Roles.Manager);
        var contacts = await Export(manager, "contacts", "from=2026-11-01&to=2026-11-30");
        Assert.Equal(["Child Unique ID", "Sex", "Ethnicity", "Date of Birth", "Age of Child (Years)", "Date of Contact", "Contact Source"], contacts[0]);
        Assert.Equal(4, contacts.Length - 1); // Amy, Ben, Wyn on the withdrawn form and Eve: every contact
        var amy = contacts[1];
        Assert.Equal(["b) Female", "a) WBRI", "14/03/2015", "11", "24/11/2026", "e) 2A: Schools"], amy[1..]);
        Assert.Equal("a) Male", contacts[2][1]);
        Assert.Matches("^C[0-9A-HJKMNP-TV-Z]{16}$", amy[0]);

        var referrals = await Export(app.As(Roles.Auditor), "referrals", "from=2026-11-01&to=2026-11-30");
        Assert.Equal(["Child Unique ID", "Sex", "Ethnicity", "Date of Birth", "Age of Child (Years)", "Date of referral", "Referral Source", "Referral NFA?",
            "Number of Referrals in Last 12 Months", "Allocated Team", "Allocated Worker"], referrals[0]);
        Assert.Equal(2, referrals.Length - 1); // Amy and Ben: a withdrawn form and early help are contacts, not referrals
        Assert.Equal([amy[0], "24/11/2026", "e) 2A: Schools", "No", "2", "Derby City Assessment Team 2", "Not yet allocated"],
            [referrals[1][0], .. referrals[1][5..]]);
        Assert.Equal("2", referrals[2][8]); // Ben has no NHS number: matched on name and date of birth
        var earlier = await Export(manager, "referrals", "from=2026-06-01&to=2026-06-01");
        Assert.Equal(["01/06/2026", "e) 2A: Schools", "No", "1", "Derby City Assessment Team 2", "Not yet allocated"], earlier[1][5..]);

        // The worker the case is allocated to after acceptance, not the front door's triager.
        var allocated = await Send(practitioner, HttpMethod.Put, $"/v1/referrals/{decided.Id}/children/{decided.Contacts[0].Id}/allocation",
            new AllocateChild.Body("Derby City Assessment Team 1", "Jo Social-Worker"), decided.Version).Ok();
        Assert.Equal("Jo Social-Worker", allocated.Triage!.Children[0].Allocation!.Worker);
        referrals = await Export(manager, "referrals", "from=2026-11-01&to=2026-11-30");
        Assert.Equal(["Derby City Assessment Team 1", "Jo Social-Worker"], referrals[1][9..]);
        Assert.Equal("Not yet allocated", referrals[2][10]);

        await using var db = app.Db();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "export.contacts-list" && a.ReferralId == decided.Id));
        Assert.Contains(await db.AuditEntries.Where(a => a.Action == "export.referrals-list").Select(a => a.ReferralId).ToListAsync(), id => id == decided.Id);
        Assert.Contains(await db.AuditEntries.Where(a => a.Action == "triage.allocated").Select(a => a.ReferralId).ToListAsync(), id => id == decided.Id);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Only_a_child_accepted_as_a_referral_is_allocated(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        var practitioner = app.As(Roles.Practitioner, name: "Sam Social Worker", userId: "prac-sam");
        var body = new AllocateChild.Body("Derby City Assessment Team 1", "Jo Social-Worker");
        var open = await Submit(app, Forms.Single("Eve", 801));
        await (await Send(practitioner, HttpMethod.Put, $"/v1/referrals/{open.Id}/children/{open.Contacts[0].Id}/allocation", body, open.Version))
            .Problem(HttpStatusCode.Conflict); // still with the front door
        open = await Take(practitioner, open).Ok();
        open = await Decide(practitioner, open, 0, EarlyHelp).Ok();
        await (await Send(practitioner, HttpMethod.Put, $"/v1/referrals/{open.Id}/children/{open.Contacts[0].Id}/allocation", body, open.Version))
            .Problem(HttpStatusCode.Conflict); // early help is not a referral
        await (await Send(practitioner, HttpMethod.Put, $"/v1/referrals/{open.Id}/children/{Guid.NewGuid()}/allocation", body, open.Version))
            .Problem(HttpStatusCode.NotFound);
        var bad = await (await Send(practitioner, HttpMethod.Put, $"/v1/referrals/{open.Id}/children/{open.Contacts[0].Id}/allocation",
            new AllocateChild.Body(" ", null), open.Version)).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["team", "worker"], bad.ErrorFields().Order());
        Assert.Equal(open.Version, (await Read(practitioner, open.Id)).Version); // nothing changed
    }

    /// <summary>
    /// Every header and value of both lists, as CSV and as the workbook's sheets, against the Annex A schema's rules
    /// (liia-tools-pipeline annex_a_pipeline/spec/Annex_A_schema.yml, with 2026's rename of Gender to Sex).
    /// </summary>
    [Theory, OnSqlite, OnPostgres]
    public async Task Every_value_meets_the_annex_a_schemas_rules_in_csv_and_in_the_workbook(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        await Feedbacking.ToOutcome(app);
        await Submit(app, Forms.Single("Eve", 801) with { Children = [Forms.Child("Eve", "Unborn", nhs: null) with
            { DateOfBirth = null, ExpectedDueDate = new DateOnly(2027, 2, 1), Gender = null, Ethnicity = null }] });
        var manager = app.As(Roles.Manager);
        var contacts = await Export(manager, "contacts", "from=2026-11-01&to=2026-11-30");
        var referrals = await Export(manager, "referrals", "from=2026-11-01&to=2026-11-30");
        AnnexASchema.Check(AnnexASchema.List1, contacts);
        AnnexASchema.Check(AnnexASchema.List3, referrals);
        var unborn = contacts.Single(row => row[3] == "01/02/2027");
        Assert.Equal(["c) Not stated/recorded", "t) NOBT", "01/02/2027", ""], unborn[1..5]);

        var response = await manager.GetAsync("/v1/exports/annex-a?from=2026-11-01&to=2026-11-30");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["List 1", "List 3"], MiniExcelLibs.MiniExcel.GetSheetNames(workbook));
        foreach (var (sheet, csv) in new[] { ("List 1", contacts), ("List 3", referrals) })
        {
            workbook.Position = 0;
            var rows = MiniExcelLibs.MiniExcel.Query(workbook, sheetName: sheet).Cast<IDictionary<string, object?>>()
                .Select(row => row.Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray()).ToArray();
            Assert.Equal(csv, rows);
        }
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
            await Feedbacking.ToOutcome(app);
            var contacts = await Export(app.As(Roles.Manager), "contacts", "from=2026-11-01&to=2026-11-30");
            app.Clock.Advance(TimeSpan.FromDays(40));
            await Feedbacking.ToOutcome(app); // Amy again, a month later, accepted again
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
