using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Referrals.IntegrationTests.Infrastructure;

/// <summary>
/// A real browser: Debian's Chromium driven by Playwright for .NET (which here downloads no browser of its own), headless,
/// with the background traffic Chromium makes by itself turned off, so it talks to the service on loopback and nothing else.
/// </summary>
public static class Browser
{
    public const string Chromium = "/usr/bin/chromium";

    public static string? Missing => File.Exists(Chromium) ? null
        : $"Chromium not found at {Chromium}: install Debian's chromium (apt-get install chromium; .ci/run does) for the browser tests.";

    /// <summary>Chromium, whose every new context opens pages on the service at <paramref name="root"/>.</summary>
    public static async Task<LaunchedBrowser> LaunchAsync(Uri root)
    {
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
            ],
        });
        return new LaunchedBrowser(playwright, browser, root);
    }

    /// <summary>The WCAG 2.2 AA rules (and the A and 2.1 rules they build on) that axe-core checks.</summary>
    private static readonly AxeRunOptions WcagAA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    /// <summary>Fails with every violation axe-core finds on the page as it stands, naming the page, the rule and the elements.</summary>
    public static async Task AssertAccessibleAsync(this IPage page, List<string> checkedPages)
    {
        var result = await page.RunAxe(WcagAA);
        var violations = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html).Take(3))}").ToList();
        Assert.True(violations.Count == 0, $"{page.Url}:\n{string.Join("\n", violations)}");
        checkedPages.Add(new Uri(page.Url).AbsolutePath);
    }
}

public sealed class LaunchedBrowser(IPlaywright playwright, IBrowser browser, Uri root) : IAsyncDisposable
{
    /// <summary>A new context: as a new browser would be, with no cookies, and JavaScript on unless said.</summary>
    public Task<IBrowserContext> NewContextAsync(bool javaScript = true) =>
        browser.NewContextAsync(new() { BaseURL = root.ToString(), JavaScriptEnabled = javaScript });

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}

/// <summary>A theory that needs Debian's Chromium; skipped, with the reason, where it is not installed.</summary>
public sealed class NeedsBrowserAttribute : TheoryAttribute
{
    public NeedsBrowserAttribute()
    {
        if (Browser.Missing is { } reason) Skip = reason;
    }
}

/// <summary>
/// Someone using the pages with the keyboard alone: they reach each control with Tab (never a click) and use it with
/// the keys a keyboard user would, so every step of a journey through them proves the pages work without a mouse.
/// </summary>
public sealed class KeyboardUser
{
    private readonly IPage page;
    private TaskCompletionSource<IFileChooser>? _chooser;

    public KeyboardUser(IPage page)
    {
        this.page = page;
        // Listening for file choosers from the start, and for good: Playwright turns the browser's interception on when
        // a first listener is added (and off when the last goes) without waiting for it, so a listener added just
        // before the key press can miss the chooser the key opens.
        page.FileChooser += (_, chooser) => _chooser?.TrySetResult(chooser);
    }

    public IPage Page => page;

    /// <summary>Tabs forward until the element is focused; fails if it cannot be reached that way.</summary>
    public async Task TabToAsync(string selector)
    {
        var target = page.Locator(selector).First;
        for (var presses = 0; presses < 400; presses++)
        {
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement")) return;
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"{selector} on {page.Url} could not be reached with the Tab key.");
    }

    public async Task TypeAsync(string selector, string text)
    {
        await TabToAsync(selector);
        await page.Keyboard.PressAsync("ControlOrMeta+A");
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Ticks a checkbox or chooses a radio with the space bar.</summary>
    public async Task ChooseAsync(string selector)
    {
        await TabToAsync(selector);
        if (!await page.Locator(selector).First.IsCheckedAsync()) await page.Keyboard.PressAsync("Space");
    }

    /// <summary>
    /// Chooses a radio further down its group as a keyboard does: Tab reaches the group (its first radio, none being
    /// chosen yet), and the down arrow moves to the next one and chooses it.
    /// </summary>
    public async Task ChooseInGroupAsync(string firstRadio, int down)
    {
        await TabToAsync(firstRadio);
        for (var i = 0; i < down; i++) await page.Keyboard.PressAsync("ArrowDown");
    }

    /// <summary>Follows a link or presses a button with Enter, and waits for the page it leads to.</summary>
    public async Task PressAsync(string selector)
    {
        await TabToAsync(selector);
        // The page's address is not known in advance (a new draft's id), which the newer WaitForURL would need.
#pragma warning disable CS0612
        await page.RunAndWaitForNavigationAsync(() => page.Keyboard.PressAsync("Enter"));
#pragma warning restore CS0612
    }

    /// <summary>Opens the file chooser from the keyboard (space on the file input) and picks the file.</summary>
    public async Task UploadAsync(string selector, FilePayload file)
    {
        await TabToAsync(selector);
        var chosen = new TaskCompletionSource<IFileChooser>(TaskCreationOptions.RunContinuationsAsynchronously);
        _chooser = chosen;
        await page.Keyboard.PressAsync("Space");
        var chooser = await chosen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await chooser.SetFilesAsync(file);
    }

    /// <summary>Follows a link to a download with Enter; the downloaded bytes.</summary>
    public async Task<byte[]> DownloadAsync(string selector)
    {
        await TabToAsync(selector);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Enter"));
        await using var stream = await download.CreateReadStreamAsync();
        using var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    public async Task SelectAsync(string selector, string label)
    {
        await TabToAsync(selector);
        // A focused list takes the option whose words are typed, as it does for anyone at a keyboard.
        await page.Keyboard.TypeAsync(label);
    }
}
