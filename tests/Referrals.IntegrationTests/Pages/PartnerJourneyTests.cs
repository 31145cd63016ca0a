using Microsoft.Playwright;
using Referrals.Api.Features.Triage;
using static Referrals.IntegrationTests.Triage.Triaging;

namespace Referrals.IntegrationTests.Pages;

/// <summary>
/// The partner's whole journey in a real browser (Debian's Chromium), with the keyboard alone, every page checked by
/// axe-core against WCAG 2.2 AA: sign in, start a referral, fill it in section by section (with a wrong answer put
/// right), come back the next morning in a new browser, attach a document (after one refused for its type), check,
/// send, answer the First Contact Team's question, read the outcome and download the copy. The team's own steps go
/// through the API, as the team does today.
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed class PartnerJourneyTests
{
    private const string School = "Derby Moor Academy";
    private static readonly int Neglect = ConcernCategories.All.ToList().FindIndex(c => c.Code == "neglect");

    [NeedsBrowser, OnSqlite, OnPostgres]
    public async Task A_partner_sends_a_referral_and_follows_it_to_its_outcome_with_the_keyboard_alone(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        await using var browser = await Browser.LaunchAsync(app.StartOnLoopback());
        var accessible = new List<string>();
        var blocked = new List<string>();

        // Monday afternoon: she signs in and starts.
        var context = await browser.NewContextAsync();
        var me = await SignInAsync(context, accessible, blocked);
        await me.PressAsync("button.govuk-button--start");
        Assert.Matches("/partner/drafts/[0-9a-f-]+$", me.Page.Url);
        var draftUrl = new Uri(me.Page.Url).AbsolutePath;
        await me.Page.AssertAccessibleAsync(accessible);

        await me.PressAsync("a:has-text('About you')");
        await me.Page.AssertAccessibleAsync(accessible);
        await me.TypeAsync("#referrer-role", "Designated safeguarding lead");
        await me.TypeAsync("#referrer-phone", "01332 000 000");
        await me.TypeAsync("#referrer-email", "dsl@school.example.org");
        await me.ChooseAsync("#referrer-safeguardingLeadConsulted");
        await me.PressAsync("button:has-text('Save and continue')");

        await me.PressAsync("a:has-text('The children')");
        await me.Page.AssertAccessibleAsync(accessible);
        await me.PressAsync("button:has-text('Add a child')");
        await me.TypeAsync("#children-0-firstName", "Amy");
        await me.TypeAsync("#children-0-lastName", "Example");
        await me.TypeAsync("#children-0-dateOfBirth-day", "31");
        await me.TypeAsync("#children-0-dateOfBirth-month", "2");
        await me.TypeAsync("#children-0-dateOfBirth-year", "2015");
        await me.TypeAsync("#children-0-nhsNumber", "1234567890");
        await me.PressAsync("button:has-text('Save and continue')");
        // A date that does not exist: the error summary says so, linked to the question, and nothing is lost.
        Assert.Contains("Date of birth must be a real date", await me.Page.Locator(".govuk-error-summary").InnerTextAsync());
        Assert.Equal("Amy", await me.Page.InputValueAsync("#children-0-firstName"));
        await me.Page.AssertAccessibleAsync(accessible);
        await me.TypeAsync("#children-0-dateOfBirth-day", "14");
        await me.TypeAsync("#children-0-dateOfBirth-month", "3");
        await me.PressAsync("button:has-text('Save and continue')");
        // The NHS number fails its check digit: the form's own rule, from the same use case as the API's.
        Assert.Contains("NHS number", await me.Page.Locator(".govuk-error-summary").InnerTextAsync());
        await me.TypeAsync("#children-0-nhsNumber", "9434765919");
        await me.ChooseAsync("#children-0-gender");
        await me.ChooseAsync("#children-0-safeNow");
        await me.PressAsync("button:has-text('Save and continue')");
        Assert.Contains("Amy Example", await me.Page.Locator(".govuk-summary-list").InnerTextAsync());
        await me.PressAsync("a:has-text('Back to your referral')");

        await me.PressAsync("a:has-text('Your concern')");
        await me.Page.AssertAccessibleAsync(accessible);
        await me.ChooseAsync($"#concern-categories-{Neglect}");
        await me.TypeAsync("#concern-whatHappened", "Amy arrived hungry on four mornings this week and said there was no food at home.");
        await me.PressAsync("button:has-text('Save and continue')");
        // After each section, what the quality check says is missing, each point linked to its question.
        var prompts = me.Page.Locator(".govuk-inset-text a");
        Assert.True(await prompts.CountAsync() > 0);
        Assert.Contains(await prompts.EvaluateAllAsync<string[]>("links => links.map(l => l.getAttribute('href'))"),
            href => href.Contains("/concern#concern-childsVoice"));
        await context.CloseAsync();

        // Tuesday morning, in a new browser: the draft is there as she left it.
        app.Clock.Advance(TimeSpan.FromHours(16));
        context = await browser.NewContextAsync();
        me = await SignInAsync(context, accessible, blocked);
        await me.PressAsync("a:has-text('Amy Example')");
        Assert.Equal(draftUrl, new Uri(me.Page.Url).AbsolutePath);
        await me.PressAsync("a:has-text('Your concern')");
        Assert.Equal("Amy arrived hungry on four mornings this week and said there was no food at home.", await me.Page.InputValueAsync("#concern-whatHappened"));
        await me.TypeAsync("#concern-childsVoice", "Amy told her teacher \"there's nothing for breakfast\" and seemed anxious about going home.");
        await me.PressAsync("button:has-text('Save and continue')");

        await me.PressAsync("a:has-text('Documents')");
        await me.Page.AssertAccessibleAsync(accessible);
        await me.UploadAsync("#file", new FilePayload { Name = "assessment.pdf", MimeType = "application/pdf", Buffer = "MZ\u0090\0not a PDF at all"u8.ToArray() });
        await me.PressAsync("button:has-text('Upload')");
        Assert.Contains("must be a PDF", await me.Page.Locator(".govuk-error-summary").InnerTextAsync());
        await me.Page.AssertAccessibleAsync(accessible);
        await me.UploadAsync("#file", new FilePayload { Name = "Early help assessment.pdf", MimeType = "application/pdf", Buffer = Drafts.Drafting.Pdf(4096) });
        await me.PressAsync("button:has-text('Upload')");
        Assert.Contains("Early help assessment.pdf", await me.Page.Locator(".govuk-summary-list").InnerTextAsync());
        await me.PressAsync("a:has-text('Back to your referral')");

        await me.PressAsync("a:has-text('Check your answers')");
        await me.Page.AssertAccessibleAsync(accessible);
        Assert.Contains("Early help assessment.pdf", await me.Page.ContentAsync());
        await me.PressAsync("button:has-text('Send referral')");
        var panel = await me.Page.Locator(".govuk-panel--confirmation").InnerTextAsync();
        Assert.Matches("REF-2026-[0-9]{6}", panel);
        var reference = System.Text.RegularExpressions.Regex.Match(panel, "REF-2026-[0-9]{6}").Value;
        var sentPage = await me.Page.Locator("main").InnerTextAsync();
        Assert.Contains("out of 100", sentPage);
        await me.Page.AssertAccessibleAsync(accessible);

        // The First Contact Team takes it and asks a question, through the API.
        var practitioner = app.As(Roles.Practitioner, name: "Sam Social Worker", userId: "prac-1");
        var page = await (await practitioner.GetAsync("/v1/triage/queue?limit=50")).Read<TriageQueue.Page>();
        var referral = await Read(practitioner, page.Items.Single(i => i.Reference == reference).Id);
        Assert.Single(referral.Attachments);
        // The confirmation said when the decision is due, as the service worked it out (one working day, London time).
        var due = global::Referrals.Api.Pages.Show.When(referral.DecisionDueAt);
        Assert.Contains($"decide what happens next by {due}", sentPage);
        Assert.Contains($"{referral.Quality.Score} out of 100", sentPage);
        referral = await Take(practitioner, referral).Ok();
        await Send(practitioner, HttpMethod.Post, $"/v1/referrals/{referral.Id}/information-requests",
            new RequestInformation.Body("Has mother been told about this referral?"), referral.Version).Ok();

        await me.PressAsync("a:has-text('View your referral')");
        Assert.Contains("Has mother been told about this referral?", await me.Page.ContentAsync());
        await me.Page.AssertAccessibleAsync(accessible);
        await me.TypeAsync("textarea[name=answer]", "Yes, mother was told on Monday and agreed.");
        await me.PressAsync("button:has-text('Send answer')");
        Assert.Contains("Yes, mother was told on Monday and agreed.", await me.Page.ContentAsync());
        referral = await Read(practitioner, referral.Id);
        Assert.Equal("Yes, mother was told on Monday and agreed.", referral.InformationRequests.Single().Answer);

        for (var child = 0; child < referral.Contacts.Count; child++) referral = await Decide(practitioner, referral, child, Assessment).Ok();
        for (var child = 0; child < referral.Contacts.Count; child++)
            referral = await SignOff(app.As(Roles.Manager, userId: "mgr-1"), referral, child, new SignOffDecision.Body(SignOffResult.Agreed, null, null)).Ok();
        Assert.Equal(ReferralStatus.OutcomeReady, referral.Status);
        await me.Page.ReloadAsync();
        Assert.Contains("Outcome", await me.Page.Locator("h2:has-text('Outcome')").InnerTextAsync());
        await me.Page.AssertAccessibleAsync(accessible);
        var copy = await me.DownloadAsync("a:has-text('Download a copy')");
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(copy[..5]));

        await me.PressAsync("a.govuk-service-navigation__link:has-text('Your referrals')");
        Assert.Contains(reference, await me.Page.Locator("table").Last.InnerTextAsync());
        Assert.Contains("Outcome ready", await me.Page.Locator("table").Last.InnerTextAsync());
        await context.CloseAsync();

        Assert.Empty(blocked);
        Assert.True(accessible.Distinct().Count() >= 10, string.Join(", ", accessible.Distinct()));
    }

    /// <summary>
    /// The pages the journey above does not pass through, each checked by axe-core with the keyboard alone: the adults,
    /// consent, what has been done and her view; a draft about to expire, and deleted; the session's warning dialog (with
    /// the page's clock moved on) and where it ends; signed out; a signed-in member of the team on the partners' pages;
    /// and a sign-in the identity provider refused.
    /// </summary>
    [NeedsBrowser, OnSqlite]
    public async Task Every_other_page_is_accessible_and_the_session_warning_is_answered_from_the_keyboard(Engine engine)
    {
        using var app = new ReferralsApp(engine, new Dictionary<string, string?> { ["Pages:SessionMinutes"] = "5" });
        await using var browser = await Browser.LaunchAsync(app.StartOnLoopback());
        var accessible = new List<string>();
        var blocked = new List<string>();
        var context = await browser.NewContextAsync();
        // The page's own timers run on a clock the test moves, as the service's clock is moved.
        await context.Clock.InstallAsync();
        var me = await SignInAsync(context, accessible, blocked);
        await me.PressAsync("button.govuk-button--start");
        var draftUrl = new Uri(me.Page.Url).AbsolutePath;

        await me.PressAsync("a:has-text('The children')");
        await me.PressAsync("button:has-text('Add a child')");
        await me.TypeAsync("#children-0-firstName", "Amy");
        await me.TypeAsync("#children-0-lastName", "Example");
        await me.PressAsync("button:has-text('Save and continue')");
        await me.PressAsync("a:has-text('Back to your referral')");

        await me.PressAsync("a:has-text('Adults in the child')");
        await me.Page.AssertAccessibleAsync(accessible);
        await me.PressAsync("button:has-text('Add an adult')");
        await me.Page.AssertAccessibleAsync(accessible);
        await me.TypeAsync("#household-0-name", "Karen Example");
        await me.TypeAsync("#household-0-relationships", "Mother");
        await me.TypeAsync("#household-0-dateOfBirth-day", "30");
        await me.TypeAsync("#household-0-dateOfBirth-month", "2");
        await me.TypeAsync("#household-0-dateOfBirth-year", "1990");
        await me.PressAsync("button:has-text('Save and continue')");
        Assert.Contains("Date of birth must be a real date", await me.Page.Locator(".govuk-error-summary").InnerTextAsync());
        await me.Page.AssertAccessibleAsync(accessible);
        await me.TypeAsync("#household-0-dateOfBirth-day", "3");
        await me.ChooseAsync("#household-0-parentalResponsibility");
        await me.PressAsync("button:has-text('Save and continue')");
        Assert.Contains("Karen Example", await me.Page.Locator(".govuk-summary-list").InnerTextAsync());
        await me.Page.AssertAccessibleAsync(accessible);
        await me.PressAsync("a:has-text('Back to your referral')");

        await me.PressAsync("a:has-text('Consent')");
        await me.Page.AssertAccessibleAsync(accessible);
        await me.ChooseInGroupAsync("#consent-parentsAware", down: 1); // no
        await me.TypeAsync("#consent-parentsAwareReason", "Telling mother could put Amy at greater risk.");
        await me.PressAsync("button:has-text('Save and continue')");
        await me.PressAsync("a:has-text('What is going well')");
        await me.Page.AssertAccessibleAsync(accessible);
        await me.TypeAsync("#concern-actionsAlreadyTaken", "An early help assessment in September; breakfast club since.");
        await me.PressAsync("button:has-text('Save and continue')");
        await me.PressAsync("a:has-text('Your view of the risk')");
        await me.Page.AssertAccessibleAsync(accessible);
        await me.ChooseInGroupAsync("#referrerView-risk", down: 1); // medium
        await me.PressAsync("button:has-text('Save and continue')");
        Assert.EndsWith(draftUrl, new Uri(me.Page.Url).AbsolutePath);

        // The session's warning, two minutes before five idle minutes are up: a modal dialog with the focus on its button.
        await me.Page.Clock.FastForwardAsync("03:01");
        var dialog = me.Page.Locator("#session-timeout");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        Assert.True(await me.Page.Locator("#session-timeout button").EvaluateAsync<bool>("button => button === document.activeElement"));
        await me.Page.AssertAccessibleAsync(accessible);
        // Enter on "Stay signed in" keeps the session (a request) and closes the dialog.
        await me.Page.RunAndWaitForResponseAsync(() => me.Page.Keyboard.PressAsync("Enter"), r => r.Url.EndsWith("/partner/session") && r.Status == 204);
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(204, (await context.APIRequest.GetAsync("/partner/session", new() { MaxRedirects = 0 })).Status);

        // Three weeks on, the draft's expiry is near: the task list says when it goes, and she deletes it.
        app.Clock.Advance(TimeSpan.FromDays(22));
        context = await browser.NewContextAsync();
        await context.Clock.InstallAsync();
        me = await SignInAsync(context, accessible, blocked);
        await me.PressAsync("a:has-text('Amy Example')");
        Assert.Contains("will be deleted on", await me.Page.Locator(".govuk-warning-text").InnerTextAsync());
        await me.Page.AssertAccessibleAsync(accessible);
        await me.PressAsync("a:has-text('Delete this draft')");
        await me.Page.AssertAccessibleAsync(accessible);
        await me.PressAsync("button:has-text('Delete draft')");
        Assert.EndsWith("/partner", me.Page.Url);
        Assert.DoesNotContain("Amy Example", await me.Page.ContentAsync());
        // Its address now, as a bookmark would open it: a page that says what may have happened.
        Assert.Equal(404, (await me.Page.GotoAsync(draftUrl))!.Status);
        Assert.Contains("Page not found", await me.Page.Locator("h1").InnerTextAsync());
        await me.Page.AssertAccessibleAsync(accessible);

        // Left idle: at the end of the five minutes the page goes to "signed out", and the session has ended.
        await me.Page.Clock.FastForwardAsync("03:01");
        await Assertions.Expect(me.Page.Locator("#session-timeout")).ToBeVisibleAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await me.Page.Clock.FastForwardAsync("02:00");
        await me.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/signed-out\?timeout=1$"));
        Assert.Contains("You have been signed out", await me.Page.Locator("h1").InnerTextAsync());
        await me.Page.AssertAccessibleAsync(accessible);
        await me.Page.GotoAsync("/partner");
        Assert.Contains("/sign-in", me.Page.Url);
        await context.CloseAsync();

        // Signing out with the button in the header.
        context = await browser.NewContextAsync();
        me = await SignInAsync(context, accessible, blocked);
        await me.PressAsync("button:has-text('Sign out')");
        Assert.Contains("You have signed out", await me.Page.Locator("h1").InnerTextAsync());
        await me.Page.AssertAccessibleAsync(accessible);
        await context.CloseAsync();

        // A member of the First Contact Team on the partners' pages, and a sign-in the identity provider refused.
        context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sign-in/development?returnUrl=/partner");
        var team = new KeyboardUser(page);
        await team.ChooseInGroupAsync("#role", down: 1); // practitioner
        await team.PressAsync("button:has-text('Sign in')");
        Assert.Contains("You cannot use these pages", await page.Locator("h1").InnerTextAsync());
        await page.AssertAccessibleAsync(accessible);
        await page.GotoAsync("/sign-in/failed");
        Assert.Contains("You could not be signed in", await page.Locator("h1").InnerTextAsync());
        await page.AssertAccessibleAsync(accessible);
        await context.CloseAsync();

        // A form kept open after its cookies were cleared: its token no longer matches, and the page says what to do.
        context = await browser.NewContextAsync();
        page = await context.NewPageAsync();
        await page.GotoAsync("/sign-in/development");
        await context.ClearCookiesAsync();
        var stale = new KeyboardUser(page);
        await stale.PressAsync("button:has-text('Sign in')");
        Assert.Contains("Sorry, this page has expired", await page.Locator("h1").InnerTextAsync());
        await page.AssertAccessibleAsync(accessible);
        await context.CloseAsync();

        Assert.Empty(blocked);
        Assert.True(accessible.Distinct().Count() >= 12, string.Join(", ", accessible.Distinct()));
    }

    /// <summary>With JavaScript off, every step still works: the pages are plain forms, and scripts only enhance them.</summary>
    [NeedsBrowser, OnSqlite]
    public async Task With_javascript_off_a_partner_still_writes_corrects_and_sends_a_referral(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        await using var browser = await Browser.LaunchAsync(app.StartOnLoopback());
        var context = await browser.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/partner");
        await page.FillAsync("#name", "Jo Bloggs");
        await page.SelectOptionAsync("#agency", new SelectOptionValue { Label = $"{School} (SCH-DERBY-MOOR)" });
        await page.ClickAsync("button:has-text('Sign in')");
        Assert.DoesNotContain("js-enabled", await page.GetAttributeAsync("body", "class") ?? "");
        await page.ClickAsync("button.govuk-button--start");
        await page.ClickAsync("a:has-text('About you')");
        await page.FillAsync("#referrer-email", "not an email address");
        await page.ClickAsync("button:has-text('Save and continue')");
        Assert.Contains("valid e-mail address", await page.Locator(".govuk-error-summary").InnerTextAsync());
        Assert.Equal(1, await page.Locator(".govuk-form-group--error #referrer-email").CountAsync());
        await page.FillAsync("#referrer-email", "dsl@school.example.org");
        await page.ClickAsync("button:has-text('Save and continue')");

        await page.ClickAsync("a:has-text('The children')");
        await page.ClickAsync("button:has-text('Add a child')");
        await page.FillAsync("#children-0-firstName", "Ben");
        await page.CheckAsync("#children-0-safeNow-2"); // not known
        await page.ClickAsync("button:has-text('Save and continue')");
        await page.ClickAsync("a:has-text('Back to your referral')");
        await page.ClickAsync("a:has-text('Your concern')");
        await page.FillAsync("#concern-whatHappened", "Ben was left alone at home overnight, a neighbour told me this morning.");
        await page.ClickAsync("button:has-text('Save and continue')");
        await page.ClickAsync("a:has-text('Check your answers')");
        Assert.Contains("Not known", await page.ContentAsync());
        await page.ClickAsync("button:has-text('Send referral')");
        Assert.Matches("REF-2026-[0-9]{6}", await page.Locator(".govuk-panel--confirmation").InnerTextAsync());
    }

    /// <summary>Signs in on the Development sign-in page as the school's safeguarding lead, with the keyboard.</summary>
    private static async Task<KeyboardUser> SignInAsync(IBrowserContext context, List<string> accessible, List<string> blocked)
    {
        var page = await context.NewPageAsync();
        // A Content-Security-Policy violation is reported to the console: there must be none.
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy")) blocked.Add(message.Text); };
        await page.GotoAsync("/partner");
        Assert.Contains("/sign-in/development", page.Url);
        await page.AssertAccessibleAsync(accessible);
        var me = new KeyboardUser(page);
        await me.TypeAsync("#name", "Jo Bloggs");
        await me.ChooseAsync("#role");
        await me.SelectAsync("#agency", School);
        await me.PressAsync("button:has-text('Sign in')");
        Assert.EndsWith("/partner", page.Url);
        await page.AssertAccessibleAsync(accessible);
        return me;
    }
}

[CollectionDefinition(nameof(BrowserTests), DisableParallelization = true)]
public sealed class BrowserTests;
