using Microsoft.EntityFrameworkCore;
using System.Text.Json;
using Referrals.Api.Common;
using Referrals.Api.Features.Triage;
using Referrals.Api.Features.Referrals;

namespace Referrals.IntegrationTests.Referrals;

public sealed class SubmitReferralTests(Apps apps) : IClassFixture<Apps>
{
    private const string School = "SCH-DERBY-MOOR";

    [Theory, OnSqlite, OnPostgres]
    public async Task School_submits_two_siblings_and_is_told_reference_receipt_due_time_and_quality(Engine engine)
    {
        var app = apps.For(engine);
        var response = await app.As(Roles.Referrer, School, "Jo Bloggs").PostJson("/v1/referrals", Forms.Siblings());

        var ack = await response.Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        Assert.Equal($"/v1/referrals/{ack.Id}", response.Headers.Location?.OriginalString);
        Assert.Matches("^REF-2026-[0-9]{6}$", ack.Reference);
        Assert.Equal(TestClock.TuesdayMorning, ack.ReceivedAt);
        Assert.Equal(TestClock.TuesdayMorning.AddDays(1), ack.DecisionDueAt); // Wednesday, same clock time
        Assert.Equal(ReferralStatus.Submitted, ack.Status);
        Assert.Equal(Channel.ElectronicForm, ack.Channel);
        Assert.Equal(new AgencySummary(School, "Derby Moor Academy", "2A"), ack.Agency);
        Assert.Equal(["Amy", "Ben"], ack.Contacts.Select(c => c.FirstName));
        Assert.Equal(QualityRubric.Version, ack.Quality.RubricVersion);
        Assert.Equal(QualityRubric.Assess(Forms.Siblings(), LondonTime.DayOf(TestClock.TuesdayMorning)).Score, ack.Quality.Score);

        await using var db = app.Db();
        var stored = await db.Referrals.Include(r => r.Contacts).SingleAsync(r => r.Id == ack.Id);
        Assert.Equal("Jo Bloggs", stored.ReferrerName); // from the token, not the body
        Assert.Equal(2, stored.Contacts.Count);
        Assert.Equal(["domestic-abuse-parent", "neglect"], await db.ReferralConcerns.Where(c => c.ReferralId == ack.Id).Select(c => c.CategoryCode).OrderBy(c => c).ToListAsync());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Missing_points_are_findings_with_prompts_and_the_submission_finds_what_the_check_found(Engine engine)
    {
        var concern = new ConcernDetails
        {
            Categories = ["physical-abuse-by-adult"], WhatHappened = "Ben has a bruise on his arm, seen in class on Monday.", WhatIsGoingWell = "not known",
        };
        var form = Forms.Siblings() with { Concern = concern };
        var client = apps.For(engine).As(Roles.Referrer, School);
        var checkedFirst = await (await client.PostJson("/v1/referrals/quality-check", form)).Read<QualityRubric.Assessment>();
        var ack = await (await client.PostJson("/v1/referrals", form)).Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);

        var voice = ack.Quality.Findings.Single(f => f.Code == "childs-voice");
        Assert.Equal((false, 0), (voice.Met, voice.Points));
        Assert.Contains(voice.Prompts!, p => p.Path == "concern.childsVoice");
        Assert.Contains(ack.Quality.Findings.Single(f => f.Code == "what-happened").Found!, e => e is { Words: "bruise", Path: "concern.whatHappened" });
        Assert.Equal(ack.Quality.Findings.Sum(f => f.Points), ack.Quality.Score);
        Assert.Equivalent(checkedFirst, ack.Quality, strict: true);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Referral_received_on_a_saturday_is_due_at_nine_on_the_tuesday(Engine engine)
    {
        var app = apps.For(engine);
        app.Clock.AdjustTime(new DateTimeOffset(2026, 11, 28, 15, 30, 0, TimeSpan.Zero));
        var ack = await (await app.As(Roles.Referrer, School).PostJson("/v1/referrals", Forms.Siblings())).Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), ack.DecisionDueAt);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task References_are_issued_in_sequence(Engine engine)
    {
        var client = apps.For(engine).As(Roles.Referrer, School);
        var first = await (await client.PostJson("/v1/referrals", Forms.Siblings())).Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        var second = await (await client.PostJson("/v1/referrals", Forms.Siblings())).Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        Assert.Equal(int.Parse(first.Reference[^6..]) + 1, int.Parse(second.Reference[^6..]));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Concurrent_submissions_never_share_a_reference(Engine engine)
    {
        var app = apps.For(engine);
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            app.As(Roles.Referrer, School, userId: $"parallel-{i}").PostJson("/v1/referrals", Forms.Siblings())));
        var references = new List<string>();
        foreach (var response in responses)
            references.Add((await response.Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created)).Reference);
        Assert.Equal(references.Count, references.Distinct().Count());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Practitioner_records_a_phone_referral_for_the_police(Engine engine)
    {
        var app = apps.For(engine);
        var ack = await (await app.As(Roles.Practitioner).PostJson("/v1/referrals", Forms.ByPhone())).Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        Assert.Equal(Channel.Phone, ack.Channel);
        Assert.Equal("POLICE-DERBYSHIRE", ack.Agency.Code);
        Assert.Equal("6", ack.Agency.ReferralSourceCode);

        // ...and the police can read it as their own.
        var asPolice = await app.As(Roles.Referrer, "POLICE-DERBYSHIRE").GetAsync($"/v1/referrals/{ack.Id}");
        Assert.Equal("PC Sam Officer", (await asPolice.Read<GetReferral.ReferralDetail>()).ReferrerName);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Practitioner_must_say_channel_agency_and_who_referred(Engine engine)
    {
        var app = apps.For(engine);
        var form = Forms.ByPhone() with { Channel = Channel.ElectronicForm, AgencyCode = "NO-SUCH-AGENCY", Referrer = Forms.ByPhone().Referrer! with { Name = null } };
        var problem = await (await app.As(Roles.Practitioner).PostJson("/v1/referrals", form)).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["agencyCode", "channel", "referrer.name"], problem.ErrorFields().Order());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task An_empty_form_or_one_with_empty_parts_is_refused_field_by_field_not_with_a_500(Engine engine)
    {
        var app = apps.For(engine);
        var before = await app.CountAsync<Referral>();
        foreach (var (url, body) in new[] { ("/v1/referrals", "{}"), ("/v1/referrals/quality-check", "{}"), ("/v1/referrals", """{"concern":{}}""") })
        {
            var response = await app.As(Roles.Referrer, School).PostAsync(url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            var problem = await response.Problem(HttpStatusCode.UnprocessableEntity);
            // Only what makes a referral impossible to act on: a child, a concern, a way back to the referrer.
            Assert.Equal(body.Contains("concern") ? ["children", "concern.whatHappened", "referrer.phone"] : ["children", "concern", "referrer.phone"],
                problem.ErrorFields().Order(StringComparer.Ordinal));
        }
        Assert.Equal(before, await app.CountAsync<Referral>());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Referrer_cannot_submit_for_another_agency_or_by_another_channel(Engine engine)
    {
        var form = Forms.Siblings() with { AgencyCode = "POLICE-DERBYSHIRE", Channel = Channel.Phone };
        var problem = await (await apps.For(engine).As(Roles.Referrer, School).PostJson("/v1/referrals", form)).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["agencyCode", "channel"], problem.ErrorFields().Order());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Invalid_identifiers_are_named_by_json_path_and_nothing_is_stored(Engine engine)
    {
        var app = apps.For(engine);
        var before = await app.CountAsync<Referral>();
        var form = Forms.Siblings()
            .WithChild(1, c => c with { NhsNumber = "9434765918", UniquePupilNumber = "B123456789012", Postcode = "NOT A POSTCODE" })
            .WithChild(0, c => c with { DateOfBirth = new DateOnly(2027, 1, 1) });

        var problem = await (await app.As(Roles.Referrer, School).PostJson("/v1/referrals", form)).Problem(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(["children[0].dateOfBirth", "children[1].nhsNumber", "children[1].postcode", "children[1].uniquePupilNumber"], problem.ErrorFields().Order());
        Assert.DoesNotContain("9434765918", problem.ToString()); // messages never quote what was sent
        Assert.Equal(before, await app.CountAsync<Referral>());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Each_value_at_fault_is_named_and_nothing_missing_is(Engine engine)
    {
        var form = new ReferralForm
        {
            Referrer = new() { Phone = "01332 000 000" },
            Children = [new ChildDetails { FirstName = "Amy" }],
            Consent = new() { ParentsAware = Answer.No, ParentsConsented = Answer.No },
            Concern = new() { Categories = ["neglect", "not-a-category"], WhatHappened = "worried" },
            ReferrerView = new() { LevelOfNeed = 7 },
            Household = [new() { Name = "Carol", Relationships = [new() { ChildIndex = 3, Relationship = "mother" }] }],
        };
        var problem = await (await apps.For(engine).As(Roles.Referrer, School).PostJson("/v1/referrals", form)).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["concern.categories[1]", "concern.whatHappened", "household[0].relationships[0].childIndex", "referrerView.levelOfNeed"],
            problem.ErrorFields().Order(StringComparer.Ordinal));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_housing_officer_who_does_not_know_consent_or_the_level_is_heard_and_prompted(Engine engine)
    {
        var app = apps.For(engine);
        const string body = """
            {"referrer":{"role":"Housing officer","phone":"01332 000 222"},
             "children":[{"firstName":"Poppy","lastName":"not known","estimatedAgeYears":2},{"description":"her brother, about four","dateOfBirth":"not-known","estimatedAgeYears":"not-known"}],
             "consent":{"parentsAware":"not-known","parentsConsented":"not-known"},
             "concern":{"whatHappened":"On a visit to the flat on 3 November I saw no food in the kitchen and the cot soaked in urine."},
             "referrerView":{"levelOfNeed":"not-known","risk":"not-known"}}
            """;
        var ack = await (await app.As(Roles.Referrer, "HOUSING-DERBY").PostRaw("/v1/referrals", body)).Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        var prompted = ack.Quality.Findings.SelectMany(f => f.Prompts ?? []).Select(p => p.Path).ToHashSet();
        Assert.Subset(prompted, new HashSet<string> { "consent.parentsConsented", "consent.parentsAware", "referrerView.levelOfNeed", "referrerView.risk",
            "children[0].lastName", "children[1].dateOfBirth" });

        var detail = await (await app.As(Roles.Practitioner).GetAsync($"/v1/referrals/{ack.Id}")).Read<JsonElement>();
        Assert.Equal(("not-known", "not-known"), (detail.GetProperty("levelOfNeed").GetString(), detail.GetProperty("risk").GetString()));
        Assert.Equal(["Poppy", ""], detail.GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("firstName").GetString()));
        Assert.False(detail.GetProperty("contacts")[1].TryGetProperty("dateOfBirth", out _));
        var refused = await app.As(Roles.Referrer, "HOUSING-DERBY").PostRaw("/v1/referrals", body.Replace("\"dateOfBirth\":\"not-known\"", "\"dateOfBirth\":\"soon\""));
        Assert.Equal(["children[1].dateOfBirth"], (await refused.Problem(HttpStatusCode.BadRequest)).ErrorFields());
        var copy = await (await app.As(Roles.Referrer, "HOUSING-DERBY").GetAsync($"/v1/referrals/{ack.Id}/submission")).Read<JsonElement>();
        Assert.Equal("not-known", copy.GetProperty("form").GetProperty("consent").GetProperty("parentsConsented").GetString());
        Assert.Equal("not-known", copy.GetProperty("form").GetProperty("referrerView").GetProperty("levelOfNeed").GetString());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Consent_sent_as_true_or_false_as_the_form_first_had_it_is_read_as_yes_or_no(Engine engine)
    {
        var app = apps.For(engine);
        var json = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(Forms.Siblings(), Json.Options))!;
        json["consent"] = System.Text.Json.Nodes.JsonNode.Parse("""{"parentsAware":true,"parentsConsented":false,"consentReason":"Declined."}""");
        var ack = await (await app.As(Roles.Referrer, School).PostRaw("/v1/referrals", json.ToJsonString())).Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        var copy = await (await app.As(Roles.Referrer, School).GetAsync($"/v1/referrals/{ack.Id}/submission")).Read<JsonElement>();
        var consent = copy.GetProperty("form").GetProperty("consent");
        Assert.Equal(("yes", "no"), (consent.GetProperty("parentsAware").GetString(), consent.GetProperty("parentsConsented").GetString()));
        await (await app.As(Roles.Referrer, School).PostRaw("/v1/referrals", """{"consent":{"parentsAware":1}}""")).Problem(HttpStatusCode.BadRequest);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Early_help_request_without_consent_is_accepted_flagged_for_the_team_and_told_why_consent_matters(Engine engine)
    {
        var app = apps.For(engine);
        var form = Forms.Siblings() with
        {
            Consent = new() { ParentsAware = Answer.Yes, ParentsConsented = Answer.No, ConsentReason = "Mother declined." },
            ReferrerView = new() { LevelOfNeed = 2, Risk = RiskLevel.Low, RiskReason = "Emerging needs." },
        };
        var ack = await (await app.As(Roles.Referrer, School).PostJson("/v1/referrals", form)).Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        var consent = ack.Quality.Findings.Single(f => f.Code == "consent-addressed");
        Assert.Contains(consent.Prompts!, p => p.Path == "consent.parentsConsented" && p.Message.Contains("family's agreement"));

        var detail = await (await app.As(Roles.Practitioner).GetAsync($"/v1/referrals/{ack.Id}")).Read<GetReferral.ReferralDetail>();
        Assert.True(detail.ConsentToBeSought);
        var queue = await (await app.As(Roles.Practitioner).GetAsync("/v1/triage/queue?limit=100")).Read<TriageQueue.Page>();
        Assert.True(queue.Items.Single(i => i.Id == ack.Id).ConsentToBeSought);

        var safeguarding = await (await app.As(Roles.Referrer, School).PostJson("/v1/referrals", form with { ReferrerView = new() { LevelOfNeed = 3 } }))
            .Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        Assert.False((await (await app.As(Roles.Practitioner).GetAsync($"/v1/referrals/{safeguarding.Id}")).Read<GetReferral.ReferralDetail>()).ConsentToBeSought);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Safeguarding_referral_may_proceed_without_consent_when_a_reason_is_given(Engine engine)
    {
        var form = Forms.Siblings() with
        {
            Consent = new() { ParentsAware = Answer.No, ParentsAwareReason = "Telling them would place the child at greater risk.", ParentsConsented = Answer.No, ConsentReason = "As above." },
            ReferrerView = new() { LevelOfNeed = 4, Risk = RiskLevel.High, RiskReason = "Disclosure of sexual abuse." },
        };
        var response = await apps.For(engine).As(Roles.Referrer, School).PostJson("/v1/referrals", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Unborn_child_and_estimated_age_and_not_known_answers_are_accepted(Engine engine)
    {
        var form = Forms.Siblings() with
        {
            Children =
            [
                Forms.Child("Unborn", "Example", nhs: "not known") with { DateOfBirth = null, ExpectedDueDate = new DateOnly(2027, 3, 1), Gender = Gender.NotKnown, Postcode = "not known", UniquePupilNumber = null },
                Forms.Child("Ben", "Example", nhs: null) with { DateOfBirth = null, EstimatedAgeYears = 4, SafeNow = Answer.NotKnown },
            ],
            Household = [],
        };
        var response = await apps.For(engine).As(Roles.Referrer, School).PostJson("/v1/referrals", form);
        var ack = await response.Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        Assert.Equal(new DateOnly(2027, 3, 1), ack.Contacts[0].ExpectedDueDate);
        Assert.Equal(4, ack.Contacts[1].EstimatedAgeYears);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Unreadable_bodies_are_refused_with_problems_and_nothing_is_stored(Engine engine)
    {
        var app = apps.For(engine);
        var client = app.As(Roles.Referrer, School);
        var before = await app.CountAsync<Referral>();

        var malformed = await (await client.PostRaw("/v1/referrals", "{\"children\": [")).Problem(HttpStatusCode.BadRequest);
        var unknownEnum = await (await client.PostRaw("/v1/referrals", "{\"children\":[{\"gender\":\"robot\"}]}")).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["children[0].gender"], unknownEnum.ErrorFields());
        var integerEnum = await (await client.PostRaw("/v1/referrals", "{\"children\":[{\"gender\":1}]}")).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["children[0].gender"], integerEnum.ErrorFields());
        // The contract says integer: a number sent as text is not guessed at.
        var textNumber = await (await client.PostRaw("/v1/referrals", "{\"referrerView\":{\"levelOfNeed\":\"3\"}}")).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["referrerView.levelOfNeed"], textNumber.ErrorFields());
        var textAge = await (await client.PostRaw("/v1/referrals", "{\"children\":[{\"estimatedAgeYears\":\"7\"}]}")).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["children[0].estimatedAgeYears"], textAge.ErrorFields());
        var unknownField = await (await client.PostRaw("/v1/referrals", "{\"childVoice\":\"typo\"}")).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("childVoice", unknownField.ErrorFields().Single());
        await (await client.PostRaw("/v1/referrals", "{\"channel\":\"phone\",\"channel\":\"email\"}")).Problem(HttpStatusCode.BadRequest);
        await (await client.PostRaw("/v1/referrals", "null")).Problem(HttpStatusCode.BadRequest);
        await (await client.PostRaw("/v1/referrals", "")).Problem(HttpStatusCode.BadRequest);
        await (await client.PostRaw("/v1/referrals", "children=1", "application/x-www-form-urlencoded")).Problem(HttpStatusCode.UnsupportedMediaType);
        await (await client.PostAsync("/v1/referrals", new ByteArrayContent("{}"u8.ToArray()) { Headers = { { "Content-Type", "application/json; charset=klingon" } } })).Problem(HttpStatusCode.UnsupportedMediaType);
        // PostgreSQL cannot store NUL, and a lone surrogate cannot be written as UTF-8: both are refused on reading, on either engine.
        var nul = await (await client.PostJson("/v1/referrals", Forms.Siblings().WithChild(1, c => c with { FirstName = "Be\0n" }))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["children[1].firstName"], nul.ErrorFields());
        await (await client.PostRaw("/v1/referrals", "{\"children\":[{\"firstName\":\"\\ud800\"}]}")).Problem(HttpStatusCode.BadRequest);
        var huge = Forms.Siblings() with { Concern = Forms.Siblings().Concern! with { WhatHappened = new string('x', 300_000) } };
        await (await client.PostJson("/v1/referrals", huge)).Problem(HttpStatusCode.RequestEntityTooLarge);
        var tooLong = Forms.Siblings() with { Concern = Forms.Siblings().Concern! with { ChildsVoice = new string('x', 9000) } };
        Assert.Equal(["concern.childsVoice"], (await (await client.PostJson("/v1/referrals", tooLong)).Problem(HttpStatusCode.UnprocessableEntity)).ErrorFields());

        Assert.NotNull(malformed.GetProperty("title").GetString());
        Assert.Equal(before, await app.CountAsync<Referral>());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Retry_with_the_same_idempotency_key_returns_the_original_referral(Engine engine)
    {
        var app = apps.For(engine);
        var client = app.As(Roles.Referrer, School);
        var key = Guid.NewGuid().ToString();
        var first = await (await client.PostJson("/v1/referrals", Forms.Siblings(), key)).Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var retry = await client.PostJson("/v1/referrals", Forms.Siblings(), key);

        var replayed = await retry.Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equivalent(first, replayed, strict: true);
        await using var db = app.Db();
        Assert.Equal(1, await db.Referrals.CountAsync(r => r.Reference == first.Reference));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Same_idempotency_key_with_a_different_body_is_refused(Engine engine)
    {
        var client = apps.For(engine).As(Roles.Referrer, School);
        var key = Guid.NewGuid().ToString();
        await (await client.PostJson("/v1/referrals", Forms.Siblings(), key)).Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        var problem = await (await client.PostJson("/v1/referrals", Forms.Siblings("Zoe"), key)).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Idempotency-Key", problem.GetProperty("title").GetString());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Fifty_concurrent_requests_with_one_idempotency_key_make_one_referral(Engine engine)
    {
        var app = apps.For(engine);
        var key = Guid.NewGuid().ToString();
        var before = await app.CountAsync<Referral>();
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            app.As(Roles.Referrer, School, userId: "one-user").PostJson("/v1/referrals", Forms.Siblings("Kay"), key)));
        var ids = new HashSet<Guid>();
        foreach (var response in responses)
            ids.Add((await response.Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created)).Id);
        Assert.Single(ids);
        Assert.Equal(before + 1, await app.CountAsync<Referral>());
        await using var db = app.Db();
        Assert.Equal(1, await db.IdempotencyRecords.CountAsync(r => r.Key == key));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Idempotency_keys_belong_to_one_user(Engine engine)
    {
        var app = apps.For(engine);
        var key = Guid.NewGuid().ToString();
        var mine = await (await app.As(Roles.Referrer, School, userId: "user-a").PostJson("/v1/referrals", Forms.Siblings(), key)).Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        var theirs = await (await app.As(Roles.Referrer, "POLICE-DERBYSHIRE", userId: "user-b").PostJson("/v1/referrals", Forms.Siblings(), key)).Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        Assert.NotEqual(mine.Id, theirs.Id);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Quality_check_scores_a_draft_and_stores_nothing(Engine engine)
    {
        var app = apps.For(engine);
        var before = await app.CountAsync<Referral>();
        var client = app.As(Roles.Referrer, School);

        var thin = Forms.Siblings() with { Concern = new() { Categories = ["neglect"], WhatHappened = "worried about him, please visit" }, Household = null };
        var assessment = await (await client.PostJson("/v1/referrals/quality-check", thin)).Read<QualityRubric.Assessment>();
        Assert.True(assessment.Score < 50, $"thin referral scored {assessment.Score}");
        Assert.Contains(assessment.Findings, f => f is { Code: "childs-voice", Met: false });

        var invalid = Forms.Siblings().WithChild(0, c => c with { NhsNumber = "123" });
        Assert.Equal(["children[0].nhsNumber"], (await (await client.PostJson("/v1/referrals/quality-check", invalid)).Problem(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Equal(before, await app.CountAsync<Referral>());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Analysts_and_auditors_cannot_submit(Engine engine)
    {
        var app = apps.For(engine);
        foreach (var role in new[] { Roles.Analyst, Roles.Auditor })
        {
            await (await app.As(role).PostJson("/v1/referrals", Forms.ByPhone())).Problem(HttpStatusCode.Forbidden);
            await (await app.As(role).PostJson("/v1/referrals/quality-check", Forms.ByPhone())).Problem(HttpStatusCode.Forbidden);
        }
    }
}
