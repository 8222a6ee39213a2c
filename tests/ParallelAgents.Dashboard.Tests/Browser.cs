using Microsoft.Playwright;

namespace ParallelAgents.Dashboard.Tests;

/// <summary>Debian's headless Chromium driven by Playwright; Playwright's own browser download is never used.</summary>
public sealed class Browser : IAsyncLifetime
{
    /// <summary>Where scripts/install-dashboard-tools.sh puts Chromium; CHROMIUM_PATH overrides it.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private readonly string _profile = Directory.CreateTempSubdirectory("pa-chromium-").FullName;
    private IPlaywright? _playwright;
    private IBrowserContext? _context;

    public IBrowserContext Context => _context ?? throw new InvalidOperationException("The browser is not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {ExecutablePath}. Install it with `sudo bash scripts/install-dashboard-tools.sh` " +
                "(Debian package 'chromium'), or set CHROMIUM_PATH to a Chromium executable.");
        }

        _playwright = await Playwright.CreateAsync();
        _context = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }

        _playwright?.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
