using Microsoft.Playwright;

namespace Oversight.IntegrationTests.Browser;

/// <summary>
/// Debian's headless Chromium driven by Playwright (its driver ships in the NuGet package; its own browser download
/// is not used). Collects the page's script errors, and saves full-page screenshots under TestResults/screenshots/.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<string> _scriptErrors = [];

    private BrowserSession(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
        page.Console += (_, message) => { if (message.Type == "error") lock (_scriptErrors) _scriptErrors.Add($"console: {message.Text} ({message.Location})"); };
        page.PageError += (_, error) => { lock (_scriptErrors) _scriptErrors.Add($"uncaught: {error}"); };
    }

    public IPage Page { get; }

    /// <summary>Where the screenshots of this run go.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <summary>Errors the page's scripts logged or threw, for the test to assert there are none.</summary>
    public IReadOnlyList<string> ScriptErrors
    {
        get { lock (_scriptErrors) return [.. _scriptErrors]; }
    }

    /// <summary>Starts Chromium; fails the test (not skips it) when it is not installed, saying how to install it.</summary>
    public static async Task<BrowserSession> StartAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Fail($"Chromium is not installed at {ChromiumPath}; the dashboard's browser tests need it. " +
                "Run eng/install-prerequisites.sh (or: apt-get install -y chromium).");
        }
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                // As root in a container there is no user namespace for Chromium's sandbox.
                Args = ["--no-sandbox"],
            });
            // A laptop screen.
            var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, Locale = "en-GB", TimezoneId = "UTC" });
            context.SetDefaultTimeout(30_000);
            return new BrowserSession(playwright, browser, await context.NewPageAsync());
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Saves a full-page screenshot as <paramref name="name"/>.png and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine($"Screenshot: {path}");
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
