using System.Diagnostics;
using System.Net.NetworkInformation;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Playwright;
using Oversight.Testing;
using Oversight.Contracts.OfficeCredentials;
using Oversight.IntegrationTests.Browser;
using Oversight.IntegrationTests.EndToEnd;
using static Oversight.Contracts.Complaints.Complaints;

namespace Oversight.IntegrationTests.AppHost;

/// <summary>
/// The real Aspire dashboard in a headless Chromium, as a user meets it: the built AppHost started the way
/// <c>bash eng/run.sh</c> starts it (from the repository root, on the README's fixed ports), signed in with the login
/// URL it prints. Every resource is listed and running, the four services healthy; the console and structured logs
/// of the complaints service show up; and one complaint submitted over gRPC has one trace holding spans of
/// complaints, notifications and reporting. Stopped with SIGTERM, after which none of its processes may remain.
/// Screenshots under TestResults/screenshots/dashboard-*.png.
/// </summary>
public sealed class DashboardBrowserTests
{
    private const string Dashboard = "http://localhost:18888";
    private static readonly TimeSpan StartBound = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan TelemetryBound = TimeSpan.FromMinutes(2);

    // The dashboard and its OTLP receiver; the services' http and grpc endpoints; PostgreSQL, Redis, RabbitMQ (AMQP, management).
    private static readonly int[] FixedPorts = [18888, 18889, 5101, 5102, 5111, 5112, 5121, 5122, 5131, 5132, 15432, 16379, 15682, 15683];

    private static readonly string[] Servers = ["postgres", "directorydb", "complaintsdb", "notificationsdb", "cache", "messaging"];
    private static readonly string[] Services = ["region-directory", "complaints", "notifications", "reporting"];
    // A helper that has done its work (initdb) is Finished; one that serves (epmd) is Running.
    private static readonly Dictionary<string, string[]> Helpers = new() { ["postgres-init"] = ["Finished", "Running"], ["messaging-epmd"] = ["Running"] };

    [Fact]
    public async Task The_dashboard_shows_every_resource_running_the_complaints_logs_and_one_complaints_trace_across_three_services()
    {
        var busy = IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Select(l => l.Port).Intersect(FixedPorts).Order().ToList();
        Assert.True(busy.Count == 0, $"the AppHost's fixed ports {string.Join(", ", busy)} are in use: another AppHost (eng/run.sh, dotnet run) is running; stop it first");

        var started = Stopwatch.StartNew();
        var repository = SharedData.RepositoryRoot;
        var configuration = typeof(DashboardBrowserTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var executable = Path.Combine(repository, "AppHost", "Oversight.AppHost", "bin", configuration, "net10.0", "Oversight.AppHost");
        Assert.True(File.Exists(executable), $"{executable} is missing: build the solution in {configuration} first");
        var stateDirectory = Path.Combine(Path.GetTempPath(), "oversight-dashboard-" + Guid.NewGuid().ToString("N")[..8]);

        IReadOnlyList<string> leftovers;
        var appHost = AppHostProcess.Start(executable, repository, stateDirectory);
        try
        {
            var loginUrl = await appHost.LoginUrlAsync(StartBound);
            Log($"AppHost printed its login URL after {started.Elapsed.TotalSeconds:0} s: {loginUrl}");
            Assert.StartsWith($"{Dashboard}/login?t=", loginUrl);

            await using var browser = await BrowserSession.StartAsync();
            try
            {
                await WalkThroughAsync(browser, loginUrl, stateDirectory, started);
            }
            catch
            {
                await browser.ScreenshotAsync("dashboard-failed");
                Log("AppHost output (last 60 lines):" + Environment.NewLine + string.Join(Environment.NewLine, appHost.Output.TakeLast(60)));
                throw;
            }
            foreach (var error in browser.ScriptErrors) Log($"browser: {error}");
        }
        finally
        {
            var stopping = Stopwatch.StartNew();
            leftovers = await appHost.StopAsync();
            Log($"AppHost and its processes stopped {stopping.Elapsed.TotalSeconds:0} s after SIGTERM; test took {started.Elapsed.TotalSeconds:0} s");
            UnchangedAppHost.DeleteState(stateDirectory);
        }
        Assert.True(leftovers.Count == 0, "processes of the AppHost still ran after SIGTERM (killed now): " + string.Join("; ", leftovers));
    }

    private static async Task WalkThroughAsync(BrowserSession browser, string loginUrl, string stateDirectory, Stopwatch started)
    {
        var page = browser.Page;

        // Signing in with the printed URL lands on the Resources page; it renders once its live connection is open.
        await page.GotoAsync(loginUrl);
        await Assertions.Expect(page.Locator("tr.resource-row .resource-name-text").First).ToBeVisibleAsync(new() { Timeout = 120_000 });
        Assert.Equal($"{Dashboard}/", page.Url);

        // Every resource listed and Running; the dashboard writes "Running (Unhealthy)" for one whose health checks fail.
        var states = await PollAsync(() => page.EvaluateAsync<Dictionary<string, string>>("""
            () => Object.fromEntries([...document.querySelectorAll('tr.resource-row')]
                .map(row => [row.querySelector('.resource-name-text')?.textContent.trim(), row.querySelector('.state-column-cell span')?.textContent.trim()])
                .filter(([name]) => name))
            """),
            shown => Servers.Concat(Services).All(name => shown.GetValueOrDefault(name) == "Running")
                && Helpers.All(h => h.Value.Contains(shown.GetValueOrDefault(h.Key))),
            StartBound, "every resource Running and healthy on the Resources page");
        Log($"every resource Running after {started.Elapsed.TotalSeconds:0} s: {string.Join(", ", states.Select(s => $"{s.Key}={s.Value}"))}");
        foreach (var name in Servers.Concat(Services)) Assert.Equal("Running", states[name]);
        // Anything else the map may grow is up too, or done (a helper that completes).
        Assert.All(states.Where(s => !Servers.Concat(Services).Contains(s.Key)), s => Assert.Contains(s.Value, new[] { "Running", "Finished" }));
        await browser.ScreenshotAsync("dashboard-1-resources");

        // Each service's details say Healthy (its own /health report, as the AppHost's check reads it).
        foreach (var service in Services)
        {
            await page.Locator("tr.resource-row", new() { Has = page.Locator(".resource-name-text", new() { HasTextRegex = new Regex($"^{Regex.Escape(service)}$") }) })
                .Locator(".resource-name-text").ClickAsync();
            await Assertions.Expect(page.Locator("h2.details-header-title")).ToHaveTextAsync($"Project: {service}", new() { Timeout = 30_000 });
            var health = await PollAsync(() => page.EvaluateAsync<string?>("""
                () => [...document.querySelectorAll('.details-container tr')]
                    .find(row => row.querySelector('.nameColumn .grid-value')?.textContent.trim() === 'Health state')
                    ?.querySelector('.valueColumn .grid-value')?.getAttribute('title') ?? null
                """), value => value == "Healthy", TimeSpan.FromSeconds(30), $"{service}'s health state in its details");
            Assert.Equal("Healthy", health);
            if (service == "complaints") await browser.ScreenshotAsync("dashboard-1b-complaints-details");
        }

        // One complaint over gRPC on the AppHost's fixed port, with a trace id of the test's choosing.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var complaintId = await SubmitComplaintAsync(stateDirectory, traceId);
        Log($"submitted complaint {complaintId} in trace {traceId} after {started.Elapsed.TotalSeconds:0} s");

        // Console logs of complaints: its lines stream in; the filter finds the one about the complaint.
        await page.GotoAsync($"{Dashboard}/consolelogs/resource/complaints");
        await Assertions.Expect(page.Locator(".log-content").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await browser.ScreenshotAsync("dashboard-2-console-logs");
        await page.Locator("[name=console-logs-search] input").FillAsync(complaintId);
        await Assertions.Expect(page.Locator(".log-content", new() { HasText = $"Complaint {complaintId} registered" }))
            .ToBeVisibleAsync(new() { Timeout = 60_000 });
        await browser.ScreenshotAsync("dashboard-2b-console-logs-of-the-complaint");

        // Structured logs filtered to complaints: only its entries; the complaint's entry links to the trace.
        await page.GotoAsync($"{Dashboard}/structuredlogs/resource/complaints");
        var rows = page.Locator(".logs-grid-container tr.fluent-data-grid-row:has(td)");
        await Assertions.Expect(rows.First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var resourcesShown = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.querySelector('td').textContent.trim())");
        Assert.NotEmpty(resourcesShown);
        Assert.All(resourcesShown, resource => Assert.Equal("complaints", resource));
        await browser.ScreenshotAsync("dashboard-3-structured-logs");
        await page.Locator("[name=structured-logs-search] input").FillAsync(complaintId);
        var entry = rows.Filter(new() { HasText = $"Complaint {complaintId} registered" });
        await Assertions.Expect(entry).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await Assertions.Expect(entry.Locator($"a[href*='{traceId}']")).ToHaveTextAsync(traceId[..7], new() { Timeout = 30_000 });
        await browser.ScreenshotAsync("dashboard-3b-structured-logs-of-the-complaint");

        // The Traces page lists the complaint's trace, once the broker carried it to notifications and reporting.
        await page.GotoAsync($"{Dashboard}/traces");
        var traceRow = page.Locator("tr.fluent-data-grid-row", new() { Has = page.Locator(".trace-id", new() { HasText = traceId[..7] }) });
        var tags = await PollAsync(async () => await traceRow.CountAsync() == 1
                ? await traceRow.Locator(".trace-service-tag").EvaluateAllAsync<string[]>("tags => tags.map(t => t.textContent.trim())")
                : [],
            shown => Services.Skip(1).All(service => shown.Any(tag => tag.StartsWith(service + " (", StringComparison.Ordinal))),
            TelemetryBound, $"trace {traceId} on the Traces page with spans of complaints, notifications and reporting");
        Log($"trace listed after {started.Elapsed.TotalSeconds:0} s with {string.Join(", ", tags)}");
        await browser.ScreenshotAsync("dashboard-4-traces");

        // Opened: its spans name the three services.
        await traceRow.Locator(".trace-name-content").ClickAsync();
        // The dashboard navigates within the page (no load event): the address and the header are polled.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/traces/detail/{traceId}"), new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator(".page-header .trace-id")).ToHaveTextAsync(traceId[..7], new() { Timeout = 60_000 });
        var spanResources = await PollAsync(() => SpanResourcesAsync(page),
            shown => Services.Skip(1).All(shown.Contains), TelemetryBound, $"spans of complaints, notifications and reporting in trace {traceId}");
        Log($"trace {traceId} holds spans of {string.Join(", ", spanResources.Order())}");
        foreach (var service in new[] { "complaints", "notifications", "reporting" }) Assert.Contains(service, spanResources);
        await page.Locator(".tracedetails-grid-container").EvaluateAsync("grid => grid.scrollTop = 0");
        await browser.ScreenshotAsync("dashboard-5-trace-detail");
        // And further down, where the broker's consumers come in.
        await page.Locator(".tracedetails-grid-container").EvaluateAsync("""
            async grid => {
                for (let top = 0; top < grid.scrollHeight; top += grid.clientHeight / 2) {
                    grid.scrollTop = top;
                    await new Promise(resolve => setTimeout(resolve, 150));
                    const row = [...grid.querySelectorAll('.resource-name')].find(cell => cell.textContent.trim() === 'notifications');
                    if (row) { row.scrollIntoView({ block: 'start' }); return; }
                }
            }
            """);
        await browser.ScreenshotAsync("dashboard-6-trace-detail-consumers");
    }

    // The resource column of every span row; the grid is virtualized, so it is read while scrolling through it.
    private static async Task<HashSet<string>> SpanResourcesAsync(IPage page) =>
        [.. await page.Locator(".tracedetails-grid-container").EvaluateAsync<string[]>("""
            async grid => {
                const seen = new Set();
                for (let top = 0; ; top += grid.clientHeight / 2) {
                    grid.scrollTop = top;
                    await new Promise(resolve => setTimeout(resolve, 150));
                    grid.querySelectorAll('.resource-name').forEach(cell => seen.add(cell.textContent.trim()));
                    if (top >= grid.scrollHeight) break;
                }
                return [...seen];
            }
            """)];

    /// <summary>
    /// An intake officer of Nusa Tenggara Barat, registered by the bootstrap admin (its secret from the state folder's
    /// secrets.json, where the AppHost generated it), submits a laporan to the complaints service's grpc endpoint.
    /// </summary>
    private static async Task<string> SubmitComplaintAsync(string stateDirectory, string traceId)
    {
        var secrets = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(stateDirectory, "secrets.json")))!;
        var adminSecret = secrets["region-directory-admin-secret"]!.GetValue<string>();
        using var directoryHttp = new HttpClient { BaseAddress = new Uri("http://localhost:5101") };
        using var directory = GrpcChannel.ForAddress("http://localhost:5102");
        using var complaints = GrpcChannel.ForAddress("http://localhost:5112");

        var admin = await TestSystem.TokenAsync(directoryHttp, TestSystem.AdminClientId, adminSecret);
        var officer = await new OfficeCredentials.OfficeCredentialsClient(directory).RegisterClientAsync(new RegisterClientRequest
        {
            DisplayName = "Dashboard test intake desk 52",
            RegionCode = "52",
            Roles = { "intake_officer" },
        }, new Metadata { { "Authorization", $"Bearer {admin}" } });
        var token = await TestSystem.TokenAsync(directoryHttp, officer.Client.ClientId, officer.ClientSecret);

        var reply = await new ComplaintsClient(complaints).SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71"), new Metadata
        {
            { "Authorization", $"Bearer {token}" },
            { "traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01" },
        });
        Assert.Equal("registered", reply.Status);
        return reply.ComplaintId;
    }


    /// <summary>Polls the page until the condition holds; fails with the last value seen.</summary>
    private static async Task<T> PollAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var last = await probe();
            if (condition(last)) return last;
            if (DateTime.UtcNow > deadline)
            {
                var shown = last is System.Collections.IEnumerable items and not string
                    ? string.Join(", ", items.Cast<object>())
                    : last?.ToString();
                Assert.Fail($"{what}: not within {within.TotalSeconds:0} s; last seen: {shown}");
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);


    /// <summary>
    /// The built AppHost as <c>eng/run.sh</c> runs it, its output read for the dashboard's login URL, and stopped with
    /// SIGTERM. Its processes are itself, what it starts, and DCP, which detaches from it but names it
    /// (<c>--monitor PID</c>) and starts every resource: all of them must be gone after the stop.
    /// </summary>
    private sealed class AppHostProcess
    {
        private const int SigTerm = 15;
        private const int SigKill = 9;
        private static readonly Regex LoginLine = new(@"Login to the dashboard at (?<url>https?://\S+/login\?t=\S+)", RegexOptions.Compiled);

        private readonly Process _process;
        private readonly List<string> _output = [];
        private readonly TaskCompletionSource<string> _loginUrl = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private AppHostProcess(Process process) => _process = process;

        public IReadOnlyList<string> Output
        {
            get { lock (_output) return [.. _output]; }
        }

        public static AppHostProcess Start(string executable, string workingDirectory, string stateDirectory)
        {
            var startInfo = new ProcessStartInfo(executable)
            {
                ArgumentList = { "--state-dir", stateDirectory },
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            // Nothing else: the dashboard's settings come from AppHost/Oversight.AppHost/appsettings.json, as for a user.
            var appHost = new AppHostProcess(new Process { StartInfo = startInfo, EnableRaisingEvents = true });
            appHost._process.OutputDataReceived += (_, e) => appHost.Read(e.Data);
            appHost._process.ErrorDataReceived += (_, e) => appHost.Read(e.Data);
            appHost._process.Exited += (_, _) => appHost._loginUrl.TrySetException(new InvalidOperationException(
                "the AppHost exited before printing its login URL:" + Environment.NewLine + string.Join(Environment.NewLine, appHost.Output.TakeLast(40))));
            appHost._process.Start();
            appHost._process.BeginOutputReadLine();
            appHost._process.BeginErrorReadLine();
            return appHost;
        }

        private void Read(string? line)
        {
            if (line is null) return;
            lock (_output) _output.Add(line);
            if (LoginLine.Match(line) is { Success: true } match) _loginUrl.TrySetResult(match.Groups["url"].Value);
        }

        public async Task<string> LoginUrlAsync(TimeSpan within)
        {
            try
            {
                return await _loginUrl.Task.WaitAsync(within);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"no login URL printed within {within.TotalSeconds:0} s:" + Environment.NewLine + string.Join(Environment.NewLine, Output.TakeLast(40)));
            }
        }

        /// <summary>SIGTERM to the AppHost; waits for it and every process it ran to end; kills and names any left.</summary>
        public async Task<IReadOnlyList<string>> StopAsync()
        {
            var leftovers = new List<string>();
            if (_process.HasExited) return leftovers;
            var tree = ProcessTable.TreeOf(_process.Id);
            if (kill(_process.Id, SigTerm) != 0) leftovers.Add($"SIGTERM to {_process.Id} failed (errno {Marshal.GetLastPInvokeError()})");
            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch (TimeoutException)
            {
                leftovers.Add($"the AppHost ({_process.Id}) did not exit within 60 s of SIGTERM");
            }
            // DCP stops the resources once the AppHost is gone (about 15 s); a bounded wait beyond that.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (tree.Any(ProcessTable.IsAlive) && DateTime.UtcNow < deadline) await Task.Delay(500);
            foreach (var process in tree.Where(ProcessTable.IsAlive))
            {
                leftovers.Add($"{process.Pid} {process.CommandLine}");
                kill(process.Pid, SigKill);
            }
            _process.Dispose();
            return leftovers;
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int kill(int pid, int signal);
    }

    /// <summary>Processes as /proc lists them, told apart from a later process with a reused id by their start time.</summary>
    private static class ProcessTable
    {
        public sealed record Entry(int Pid, int ParentPid, ulong StartTime, string[] Arguments)
        {
            public string CommandLine => string.Join(' ', Arguments);
        }

        /// <summary>The process, its descendants, and DCP (detached, naming the process with --monitor) and its descendants.</summary>
        public static IReadOnlyList<Entry> TreeOf(int root)
        {
            var all = Read();
            var found = all.Where(p => p.Pid == root || Monitors(p, root)).ToList();
            var frontier = new Queue<Entry>(found);
            while (frontier.TryDequeue(out var parent))
            {
                foreach (var child in all.Where(p => p.ParentPid == parent.Pid && !found.Contains(p)))
                {
                    found.Add(child);
                    frontier.Enqueue(child);
                }
            }
            return found;
        }

        public static bool IsAlive(Entry process) => ReadOne(process.Pid) is { } now && now.StartTime == process.StartTime;

        private static bool Monitors(Entry process, int root)
        {
            var at = Array.IndexOf(process.Arguments, "--monitor");
            return at >= 0 && at + 1 < process.Arguments.Length && process.Arguments[at + 1] == root.ToString()
                && Path.GetFileName(process.Arguments[0]) == "dcp";
        }

        private static List<Entry> Read() =>
            [.. Directory.EnumerateDirectories("/proc")
                .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? ReadOne(pid) : null)
                .OfType<Entry>()];

        private static Entry? ReadOne(int pid)
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                // "pid (comm) state ppid ... starttime(22nd)": comm may hold spaces, so read after the last ')'.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
                // A zombie keeps its entry until reaped but is no longer running.
                if (fields[0] == "Z") return null;
                return new Entry(pid, int.Parse(fields[1]), ulong.Parse(fields[19]), arguments);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                return null;
            }
        }
    }
}
