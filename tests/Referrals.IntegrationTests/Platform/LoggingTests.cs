using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Referrals;

namespace Referrals.IntegrationTests.Platform;

public sealed class LoggingTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task No_childs_personal_data_reaches_the_logs(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        var form = Forms.Siblings("Zephyrine", "Quixotebottom") with
        {
            Concern = Forms.Siblings().Concern! with { WhatHappened = "Narrative-marker-7731: she said her stepfather hit her with a belt on Sunday." },
        };
        form = form.WithChild(0, c => c with { Address = "17 Marmalade Crescent, Derby", NhsNumber = "401 023 2137", DateOfBirth = new DateOnly(2014, 2, 27) });

        var referrer = app.As(Roles.Referrer, "SCH-DERBY-MOOR");
        var ack = await (await referrer.PostJson("/v1/referrals", form, "log-test")).Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        await referrer.PostJson("/v1/referrals", form, "log-test");
        await referrer.PostJson("/v1/referrals", form with { Concern = form.Concern! with { Categories = ["nope"] } });
        await referrer.PostJson("/v1/referrals", form.WithChild(0, c => c with { NhsNumber = "4010232138" }));
        await referrer.PostRaw("/v1/referrals", "{\"children\":[{\"firstName\":\"Zephyrine\",\"gender\":\"Quixotebottom\"}]}");
        await referrer.GetAsync($"/v1/referrals/{ack.Id}");
        await referrer.GetAsync($"/v1/referrals/{ack.Id}/submission");
        await app.As(Roles.Practitioner).GetAsync("/v1/referrals?childName=Quixotebottom");
        await app.As(Roles.Referrer, "POLICE-DERBYSHIRE").GetAsync($"/v1/referrals/{ack.Id}");

        Assert.NotEmpty(app.Logs.Lines);
        foreach (var secret in new[] { "Zephyrine", "Quixotebottom", "Marmalade", "4010232137", "401 023 2137", "2014-02-27", "Narrative-marker-7731", "belt" })
            Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(secret, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Start-up and every operation of the contract leave no EF Core warning in the log (a row limit without an order,
    /// say, which could page through rows in a different order each time).
    /// </summary>
    [Theory, OnSqlite, OnPostgres]
    public async Task Start_up_and_every_operation_log_no_ef_core_warning(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        _ = app.Server;
        app.Clock.AdjustTime(TestClock.TuesdayMorning.AddHours(3));
        foreach (var step in new ContractStory(app).Steps)
        {
            var request = await step.Build();
            var response = await step.SendAsync(Callers.Client(app, request.Caller), request);
            Assert.True(response.IsSuccessStatusCode, $"{step.Operation}: {(int)response.StatusCode}");
        }
        Assert.DoesNotContain(app.Logs.Lines, line => line.StartsWith("Warning Microsoft.EntityFrameworkCore"));

        // The check sees one when there is one: a page of referrals in no order.
        await using var db = app.Db();
        _ = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Referrals.Skip(1).Take(1));
        Assert.Contains(app.Logs.Lines, line => line.StartsWith("Warning Microsoft.EntityFrameworkCore") && line.Contains("OrderBy"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Expected_races_are_not_logged_as_failures(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        var referral = await Triage.Triaging.Submit(app);
        var before = app.Logs.Lines.Count;
        // Twelve practitioners take the same referral from one read: one wins, the rest are told it changed (412).
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Triage.Triaging.Take(app.As(Roles.Practitioner, userId: $"racer-{i}"), referral)));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.PreconditionFailed, a.StatusCode));
        Assert.DoesNotContain(app.Logs.Lines.Skip(before), line => line.StartsWith("Error") || line.StartsWith("Critical"));
    }

    [Fact]
    public async Task An_unhandled_error_is_logged_with_its_stack_but_not_its_message()
    {
        using var app = new ReferralsApp(Engine.Sqlite, services: services =>
            services.AddScoped<MediatR.IRequestHandler<ReadAuditTrail.Query, IReadOnlyList<ReadAuditTrail.Entry>>,
                FailingHandler>());
        var referral = await Triage.Triaging.Submit(app);
        await (await app.As(Roles.Auditor).GetAsync($"/v1/referrals/{referral.Id}/audit")).Problem(HttpStatusCode.InternalServerError);

        var logged = string.Join("\n", app.Logs.Lines);
        Assert.True(logged.Contains("Unhandled InvalidOperationException"), logged);
        Assert.Contains($"at {typeof(FailingHandler).FullName!.Replace('+', '.')}.Handle", logged);
        Assert.DoesNotContain("Marker-Hollyhock", logged);
    }

    private sealed class FailingHandler : MediatR.IRequestHandler<ReadAuditTrail.Query, IReadOnlyList<ReadAuditTrail.Entry>>
    {
        public Task<IReadOnlyList<ReadAuditTrail.Entry>> Handle(
            ReadAuditTrail.Query request, CancellationToken cancellationToken) =>
            // An exception message quoting what a user typed: it must not reach the logs.
            throw new InvalidOperationException("Could not match child Marker-Hollyhock");
    }

    /// <summary>Every test's client checks the logs for what it has sent (PersonalDataGuard); this proves that check bites.</summary>
    [Fact]
    public async Task The_whole_suites_log_check_catches_a_leak()
    {
        using var app = new ReferralsApp(Engine.Sqlite);
        var referrer = app.As(Roles.Referrer, "SCH-DERBY-MOOR");
        await (await referrer.PostJson("/v1/referrals", Forms.Siblings("Wilhelmina", "Leakington"))).Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Careless").LogInformation("Looked up {Name}", "wilhelmina leakington");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => referrer.GetAsync("/v1/referrals"));
        Assert.Contains("personal data reached the logs", error.Message);
    }
}
