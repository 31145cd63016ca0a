using System.Text;
using Referrals.Api.Features.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Features.Feedback;
using Referrals.Api.Features.Referrals;
using Referrals.IntegrationTests.Referrals;
using static Referrals.IntegrationTests.Triage.Triaging;

namespace Referrals.IntegrationTests.Feedback;

public sealed class WebhookTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Every_event_reaches_the_agencys_system_signed_in_order_and_without_personal_data(Engine engine)
    {
        using var app = new ReferralsApp(engine, WebhookReceiver.AppSettings());
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscription = await Feedbacking.Subscribe(app, receiver.Url);
        Assert.StartsWith("whsec_", subscription.Secret);

        var referral = await Feedbacking.ToOutcome(app);
        await Feedbacking.Drain(app);

        var calls = receiver.Accepted;
        Assert.Equal(["acknowledged", "information-requested", "outcome-ready"], calls.Select(c => c.Type));
        Assert.Equal([1L, 2, 3], calls.Select(c => c.Sequence));
        Assert.All(calls, c => Assert.True(WebhookReceiver.Verify(subscription.Secret, c.Signature, c.Body, app.Clock.GetUtcNow()), "signature"));
        Assert.All(calls, c => Assert.Equal(c.EventId, c.Json.GetProperty("id").GetString()));
        Assert.All(calls, c => Assert.Equal(referral.Reference, c.Json.GetProperty("reference").GetString()));
        Assert.Equal(["agencyCode", "href", "id", "occurredAt", "reference", "referralId", "sequence", "type"],
            calls[0].Json.EnumerateObject().Select(p => p.Name).Order());
        foreach (var personal in new[] { "Amy", "Ben", "Example", "9434765919", "hungry", "DE1" })
            Assert.All(calls, c => Assert.DoesNotContain(personal, Encoding.UTF8.GetString(c.Body)));

        // The same events as the agency's feed, and a tampered body or stale time does not verify.
        var feed = await (await app.As(Roles.Referrer, School).GetAsync("/v1/feedback/events")).Read<ReadFeed.FeedPage>();
        Assert.Equal(feed.Events.Select(e => e.Id.ToString()), calls.Select(c => c.EventId));
        var tampered = calls[0].Body.ToArray();
        tampered[^2] ^= 1;
        Assert.False(WebhookReceiver.Verify(subscription.Secret, calls[0].Signature, tampered, app.Clock.GetUtcNow()));
        Assert.False(WebhookReceiver.Verify(subscription.Secret, calls[0].Signature, calls[0].Body, app.Clock.GetUtcNow().AddMinutes(6)));
        Assert.False(WebhookReceiver.Verify("whsec_another", calls[0].Signature, calls[0].Body, app.Clock.GetUtcNow()));

        var status = await (await app.As(Roles.Practitioner).GetAsync($"/v1/referrals/{referral.Id}/feedback-status")).Read<FeedbackStatus.Status>();
        Assert.All(status.Events, e => Assert.Equal((FeedbackChannel.Webhook, DeliveryStatus.Delivered, 1), (e.Notices.Single().Channel, e.Notices.Single().Status, e.Notices.Single().Attempts)));
        Assert.DoesNotContain(subscription.Secret, await (await app.As(Roles.Manager).GetAsync("/v1/feedback/subscriptions")).Content.ReadAsStringAsync());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_receiver_that_is_down_for_an_hour_gets_every_event_in_order_once_it_is_back(Engine engine)
    {
        using var app = new ReferralsApp(engine, WebhookReceiver.AppSettings());
        await using var receiver = await WebhookReceiver.StartAsync();
        await Feedbacking.Subscribe(app, receiver.Url);
        receiver.Answer = HttpStatusCode.ServiceUnavailable;

        var school = app.As(Roles.Referrer, School);
        var referrals = new List<GetReferral.ReferralDetail>();
        for (var i = 0; i < 4; i++) referrals.Add(await Submit(app));
        await (await WithdrawReferralTests.Withdraw(school, referrals[1].Id, "Sent in error.")).Read<GetReferral.ReferralDetail>();

        // An hour of retries against a receiver that is down: only the first event is tried (the rest wait their turn), less and less often.
        var started = app.Clock.GetUtcNow();
        while (app.Clock.GetUtcNow() < started.AddHours(1))
        {
            await Feedbacking.Drain(app);
            app.Clock.Advance(TimeSpan.FromSeconds(30));
        }
        Assert.Empty(receiver.Accepted);
        Assert.All(receiver.Calls, c => Assert.Equal(1L, c.Sequence));
        Assert.InRange(receiver.Calls.Count, 9, 16); // backoff: 10 s doubling to 15 min (less up to half for jitter), not every 30 s
        await using (var db = app.Db())
        {
            var head = await db.FeedbackDeliveries.AsNoTracking().SingleAsync(d => d.EventSequence == 1);
            Assert.Equal((DeliveryStatus.Pending, "The receiver answered 503."), (head.Status, head.LastError));
            Assert.True(head.NextAttemptAt - head.LastAttemptAt >= TimeSpan.FromMinutes(7.5), "backed off to at least half of the 15-minute cap");
        }

        receiver.Answer = HttpStatusCode.OK;
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        await Feedbacking.Drain(app);

        Assert.Equal([1L, 2, 3, 4, 5], receiver.Accepted.Select(c => c.Sequence));
        Assert.Equal(5, receiver.Accepted.Select(c => c.EventId).Distinct().Count());
        await using (var db = app.Db())
            Assert.All(await db.FeedbackDeliveries.AsNoTracking().ToListAsync(), d => Assert.Equal(DeliveryStatus.Delivered, d.Status));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_notice_that_keeps_failing_is_marked_failed_after_the_retry_period_and_the_next_goes_on(Engine engine)
    {
        using var app = new ReferralsApp(engine, WebhookReceiver.AppSettings(new Dictionary<string, string?> { ["Feedback:Delivery:RetryFor"] = "02:00:00" }));
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscription = await Feedbacking.Subscribe(app, receiver.Url);
        receiver.Answer = HttpStatusCode.InternalServerError;
        var first = await Submit(app);
        app.Clock.Advance(TimeSpan.FromHours(1));
        var second = await Submit(app);

        for (var i = 0; i < 12 * 3; i++)
        {
            await Feedbacking.Drain(app);
            app.Clock.Advance(TimeSpan.FromMinutes(5));
            if (i == 16) receiver.Answer = HttpStatusCode.OK; // back 2 h 20 min after the first event: given up on; the second is not
        }
        await Feedbacking.Drain(app);

        var status = await (await app.As(Roles.Practitioner).GetAsync($"/v1/referrals/{first.Id}/feedback-status")).Read<FeedbackStatus.Status>();
        var notice = status.Events.Single().Notices.Single();
        Assert.Equal((DeliveryStatus.Failed, "The receiver answered 500."), (notice.Status, notice.LastError));
        Assert.NotNull(notice.FailedAt);
        Assert.True(notice.Attempts > 3);
        Assert.Equal([2L], receiver.Accepted.Select(c => c.Sequence));
        Assert.Equal(second.Reference, receiver.Accepted.Single().Json.GetProperty("reference").GetString());

        var listed = await (await app.As(Roles.Manager).GetAsync("/v1/feedback/subscriptions")).Read<List<ListSubscriptions.Subscription>>();
        var mine = listed.Single(s => s.Id == subscription.Id);
        Assert.Equal((1, 0, 1, "The receiver answered 500."), (mine.Delivered, mine.Pending, mine.Failed, mine.LastError));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Two_workers_on_one_database_never_both_send_the_same_notice(Engine engine)
    {
        using var app = new ReferralsApp(engine, WebhookReceiver.AppSettings());
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay = TimeSpan.FromMilliseconds(20);
        await Feedbacking.Subscribe(app, receiver.Url);
        await Feedbacking.Subscribe(app, receiver.Url, "POLICE-DERBYSHIRE");
        await Task.WhenAll(Enumerable.Range(0, 15).Select(_ => Submit(app)));
        var practitioner = app.As(Roles.Practitioner);
        for (var i = 0; i < 10; i++)
            await (await practitioner.PostJson("/v1/referrals", Forms.ByPhone("POLICE-DERBYSHIRE"))).Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);

        // Two instances' workers: separate dispatchers, separate connections, one database.
        var one = app.Dispatcher;
        var two = ActivatorUtilities.CreateInstance<FeedbackDispatcher>(app.Services);
        Assert.NotEqual(one.WorkerId, two.WorkerId);
        async Task Run(FeedbackDispatcher worker)
        {
            for (var idle = 0; idle < 3;) idle = await worker.DeliverDueAsync(CancellationToken.None) == 0 ? idle + 1 : 0;
        }
        await Task.WhenAll(Run(one), Run(two), Run(one), Run(two));

        Assert.Equal(25, receiver.Calls.Count);
        Assert.Equal(25, receiver.Calls.Select(c => c.EventId).Distinct().Count());
        // Each agency's events arrived in its feed's order.
        foreach (var agency in new[] { School, "POLICE-DERBYSHIRE" })
        {
            var sequences = receiver.Calls.Where(c => c.Json.GetProperty("agencyCode").GetString() == agency).Select(c => c.Sequence).ToList();
            Assert.Equal(sequences.Order(), sequences);
        }
        await using var db = app.Db();
        var deliveries = await db.FeedbackDeliveries.AsNoTracking().ToListAsync();
        Assert.All(deliveries, d => Assert.Equal((DeliveryStatus.Delivered, 1, null), (d.Status, d.Attempts, d.ClaimedBy)));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_crashed_workers_claim_lapses_and_another_worker_sends_the_notice(Engine engine)
    {
        using var app = new ReferralsApp(engine, WebhookReceiver.AppSettings());
        await using var receiver = await WebhookReceiver.StartAsync();
        await Feedbacking.Subscribe(app, receiver.Url);
        await Submit(app);
        await using (var db = app.Db())
        {
            // A worker claimed it, then died before sending.
            var until = app.Clock.GetUtcNow().AddMinutes(2);
            await db.FeedbackDeliveries.ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedBy, "dead-worker").SetProperty(d => d.ClaimedUntil, until));
        }
        await Feedbacking.Drain(app);
        Assert.Empty(receiver.Calls);

        app.Clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        await Feedbacking.Drain(app);
        Assert.Single(receiver.Accepted);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Managers_register_and_remove_receivers_and_nobody_else_can(Engine engine)
    {
        using var app = new ReferralsApp(engine, WebhookReceiver.AppSettings());
        var manager = app.As(Roles.Manager);
        var bad = await (await manager.PostJson("/v1/feedback/subscriptions", new CreateSubscription.Body("NO-SUCH-AGENCY", "ftp://example.org/x")))
            .Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["agencyCode", "url"], bad.ErrorFields().Order());
        foreach (var url in new[] { "not a url", "https://user:pass@example.org/hook", "/relative", "" })
            await (await manager.PostJson("/v1/feedback/subscriptions", new CreateSubscription.Body(School, url))).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(0, await app.CountAsync<WebhookSubscription>());

        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = HttpStatusCode.BadGateway;
        var subscription = await Feedbacking.Subscribe(app, receiver.Url);
        var referral = await Submit(app);
        await Feedbacking.Drain(app);

        foreach (var role in new[] { Roles.Practitioner, Roles.Analyst, Roles.Auditor })
        {
            var client = app.As(role);
            await (await client.GetAsync("/v1/feedback/subscriptions")).Problem(HttpStatusCode.Forbidden);
            await (await client.PostJson("/v1/feedback/subscriptions", new CreateSubscription.Body(School, receiver.Url))).Problem(HttpStatusCode.Forbidden);
            await (await client.DeleteAsync($"/v1/feedback/subscriptions/{subscription.Id}")).Problem(HttpStatusCode.Forbidden);
        }
        await (await app.As(Roles.Referrer, School).GetAsync("/v1/feedback/subscriptions")).Problem(HttpStatusCode.Forbidden);

        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/v1/feedback/subscriptions/{subscription.Id}")).StatusCode);
        await (await manager.DeleteAsync($"/v1/feedback/subscriptions/{subscription.Id}")).Problem(HttpStatusCode.NotFound);
        var status = await (await app.As(Roles.Practitioner).GetAsync($"/v1/referrals/{referral.Id}/feedback-status")).Read<FeedbackStatus.Status>();
        Assert.Equal((DeliveryStatus.Failed, "The subscription was removed."), (status.Events[0].Notices[0].Status, status.Events[0].Notices[0].LastError));

        await Submit(app); // no longer sent anywhere
        Assert.Equal(1, await app.CountAsync<FeedbackDelivery>());

        // Who made and who removed the receiver is on record, as for any change a manager makes.
        await using var db = app.Db();
        var audited = await db.AuditEntries.Where(a => a.SubjectId == subscription.Id).OrderBy(a => a.At).ThenBy(a => a.Id)
            .Select(a => new { a.Action, a.Role }).ToListAsync();
        Assert.Equal([("webhook.subscription-created", Roles.Manager), ("webhook.subscription-removed", Roles.Manager)],
            audited.Select(a => (a.Action, a.Role)));
    }
}

public sealed class WebhookReceiverFromTheReadmeTests
{
    /// <summary>The README's verification example, run as a partner would run it, against real deliveries.</summary>
    [Theory, OnSqlite]
    public async Task The_readme_example_verifies_a_real_delivery_and_refuses_a_tampered_or_replayed_one(Engine engine)
    {
        using var app = new ReferralsApp(engine, WebhookReceiver.AppSettings());
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscription = await Feedbacking.Subscribe(app, receiver.Url);
        await Submit(app);
        await Feedbacking.Drain(app);
        var call = Assert.Single(receiver.Accepted);

        var readme = await File.ReadAllTextAsync(Path.Combine(Platform.ContractTests.RepositoryRoot(), "README.md"));
        var start = readme.IndexOf("```python\n# verify_webhook.py", StringComparison.Ordinal);
        Assert.True(start >= 0, "The README has no verify_webhook.py example.");
        var code = readme[(start + "```python\n".Length)..readme.IndexOf("```", start + 3, StringComparison.Ordinal)];

        var folder = Directory.CreateTempSubdirectory("referrals-readme-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "verify_webhook.py"), code);
            await File.WriteAllTextAsync(Path.Combine(folder, "check.py"), """
                import sys
                from verify_webhook import verify
                secret, header, body_file, now = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
                print("ok" if verify(secret, header, open(body_file, "rb").read(), now=now) else "refused")
                """);
            async Task<string> Check(byte[] body, DateTimeOffset now, string? secret = null)
            {
                var bodyFile = Path.Combine(folder, $"{Guid.NewGuid():N}.json");
                await File.WriteAllBytesAsync(bodyFile, body);
                var start = new System.Diagnostics.ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
                foreach (var arg in new[] { "check.py", secret ?? subscription.Secret, call.Signature!, bodyFile, now.ToUnixTimeSeconds().ToString() })
                    start.ArgumentList.Add(arg);
                using var python = System.Diagnostics.Process.Start(start)!;
                var output = await python.StandardOutput.ReadToEndAsync();
                var errors = await python.StandardError.ReadToEndAsync();
                await python.WaitForExitAsync();
                Assert.True(python.ExitCode == 0, errors);
                return output.Trim();
            }

            var now = app.Clock.GetUtcNow();
            Assert.Equal("ok", await Check(call.Body, now.AddSeconds(30)));
            var tampered = call.Body.ToArray();
            tampered[^2] ^= 1;
            Assert.Equal("refused", await Check(tampered, now));
            Assert.Equal("refused", await Check(call.Body, now.AddMinutes(6)));
            Assert.Equal("refused", await Check(call.Body, now, secret: "whsec_not-the-secret"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task The_background_worker_delivers_within_seconds(Engine engine)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var app = new ReferralsApp(engine, WebhookReceiver.AppSettings(new Dictionary<string, string?>
        {
            ["Feedback:Delivery:Enabled"] = "true",
            ["Feedback:Delivery:PollInterval"] = "00:00:00.200",
        }));
        await Feedbacking.Subscribe(app, receiver.Url);
        await Submit(app);
        for (var waited = 0; waited < 100 && receiver.Accepted.Count == 0; waited++) await Task.Delay(100);
        Assert.Equal("acknowledged", Assert.Single(receiver.Accepted).Type);
    }
}

/// <summary>
/// A manager's webhook URL cannot make the worker probe the council's own network. Only loopback receives anything
/// here: inside addresses are refused at registration, and names that resolve inside are handed to the guard by a
/// stand-in resolver and refused before any connection is made.
/// </summary>
public sealed class WebhookAddressTests
{
    private const string PartnerName = "hooks.partner.test";

    private static ReferralsApp Resolving(Engine engine, string address, bool allowPrivate) =>
        new(engine, new Dictionary<string, string?> { ["Feedback:Webhooks:AllowPrivateNetworks"] = allowPrivate ? "true" : "false" },
            services: services => services.AddSingleton(provider => new ReceiverAddresses(provider.GetRequiredService<FeedbackOptions>())
            {
                Resolve = (host, _) => Task.FromResult(host == PartnerName ? [IPAddress.Parse(address)] : Array.Empty<IPAddress>()),
            }));

    [Theory, OnSqlite, OnPostgres]
    public async Task Inside_addresses_in_any_spelling_are_refused_at_registration_naming_the_url(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        var manager = app.As(Roles.Manager);
        await using var receiver = await WebhookReceiver.StartAsync();
        foreach (var url in new[]
        {
            receiver.Url, "https://127.0.0.1/hook", "https://localhost/hook", "https://[::1]/hook", "https://169.254.169.254/latest",
            "https://10.0.0.1/hook", "https://2130706433/hook", "https://0x7f.1/hook", "https://0177.0.0.1/hook",
            "https://[::ffff:127.0.0.1]/hook", "https://100.64.0.1/hook", "https://224.0.0.1/hook", "https://0.0.0.0/hook",
        })
        {
            var problem = await (await manager.PostJson("/v1/feedback/subscriptions", new CreateSubscription.Body(School, url)))
                .Problem(HttpStatusCode.UnprocessableEntity);
            Assert.Equal(["url"], problem.ErrorFields());
        }
        Assert.Equal(0, await app.CountAsync<WebhookSubscription>());
        Assert.Empty(receiver.Accepted);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_name_that_resolves_inside_when_the_worker_connects_is_refused_in_a_plain_category(Engine engine)
    {
        using var app = Resolving(engine, "10.0.0.1", allowPrivate: false);
        // A public-looking name passes registration; its DNS answer is only known, and checked, when the worker connects.
        var subscription = await Feedbacking.Subscribe(app, $"https://{PartnerName}/hooks");
        var referral = await Submit(app);
        await Feedbacking.Drain(app);

        var status = await (await app.As(Roles.Practitioner).GetAsync($"/v1/referrals/{referral.Id}/feedback-status")).Read<FeedbackStatus.Status>();
        var notice = status.Events.Single().Notices.Single();
        Assert.Equal((DeliveryStatus.Pending, ReceiverAddresses.RefusedMessage), (notice.Status, notice.LastError));
        var listed = await (await app.As(Roles.Manager).GetAsync("/v1/feedback/subscriptions")).Read<List<ListSubscriptions.Subscription>>();
        Assert.Equal(ReceiverAddresses.RefusedMessage, listed.Single(s => s.Id == subscription.Id).LastError);
    }

    [Theory, OnSqlite]
    public async Task The_worker_dials_the_address_it_checked(Engine engine)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var port = new Uri(receiver.Url).Port;
        // The name exists nowhere but in this resolver, so the delivery can only arrive through the guard's own connection.
        using var app = Resolving(engine, "127.0.0.1", allowPrivate: true);
        await Feedbacking.Subscribe(app, $"http://{PartnerName}:{port}/events");
        await Submit(app);
        await Feedbacking.Drain(app);
        Assert.Equal("acknowledged", Assert.Single(receiver.Accepted).Type);
        // HttpClient's request lines (Information) would name every receiver's URL: they stay out of the logs.
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(PartnerName, StringComparison.OrdinalIgnoreCase));
    }

    [Theory, OnSqlite]
    public async Task A_receiver_that_cannot_be_reached_is_reported_without_saying_how(Engine engine)
    {
        using var app = new ReferralsApp(engine, WebhookReceiver.AppSettings());
        await Feedbacking.Subscribe(app, $"http://127.0.0.1:{Loopback.FreePort()}/events"); // nothing listens there
        var referral = await Submit(app);
        await Feedbacking.Drain(app);
        var status = await (await app.As(Roles.Practitioner).GetAsync($"/v1/referrals/{referral.Id}/feedback-status")).Read<FeedbackStatus.Status>();
        Assert.Equal(FeedbackDispatcher.Unreachable, status.Events.Single().Notices.Single().LastError);
    }
}
