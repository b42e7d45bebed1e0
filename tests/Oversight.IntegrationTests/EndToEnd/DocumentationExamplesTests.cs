using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Oversight.Testing;

namespace Oversight.IntegrationTests.EndToEnd;

/// <summary>The AppHost as <c>eng/run.sh</c> starts it (own servers, own state folder), for the documentation's examples.</summary>
public sealed class DocumentedSystemFixture : IAsyncLifetime
{
    public UnchangedAppHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await UnchangedAppHost.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
    }
}

/// <summary>
/// Every <c>bash</c> example of the README and of docs/ runs against a started system, file by file in one shell, top to
/// bottom, as a reader in one terminal would; a refused call fails the test. The examples are written for
/// <c>eng/run.sh</c>; the test's AppHost differs in three things only, which it rewrites: random ports instead of the
/// fixed ones, a temporary state folder instead of <c>.oversight/</c>, and the Debug build the tests use instead of the
/// Release one <c>eng/run.sh</c> builds. Nothing else of an example is changed.
/// </summary>
public sealed partial class DocumentationExamplesTests(DocumentedSystemFixture fixture) : IClassFixture<DocumentedSystemFixture>
{
    /// <summary>The README's fixed ports (its "Ports" table), by resource and endpoint.</summary>
    private static readonly (int Port, string Resource, string Endpoint)[] FixedPorts =
    [
        (5101, "region-directory", "http"), (5102, "region-directory", "grpc"),
        (5111, "complaints", "http"), (5112, "complaints", "grpc"),
        (5121, "notifications", "http"), (5122, "notifications", "grpc"),
        (5131, "reporting", "http"), (5132, "reporting", "grpc"),
        (15432, "postgres", "tcp"), (16379, "cache", "tcp"), (15682, "messaging", "tcp"), (15683, "messaging", "management"),
    ];

    public static TheoryData<string> FilesWithExamples() =>
        [.. DocumentationExamples.Files().Where(file => DocumentationExamples.Blocks(file).Any(IsRunnable))];

    [Theory]
    [MemberData(nameof(FilesWithExamples))]
    public async Task The_bash_examples_of_a_page_run_against_a_started_system_and_none_is_refused(string file)
    {
        var blocks = DocumentationExamples.Blocks(file).Where(IsRunnable).ToList();
        var script = new StringBuilder("""
            set -eo pipefail
            # A refused call must fail the run: curl exits non-zero on an HTTP error, and its answer goes to stderr too,
            # where no jq filter of the example can hide why.
            curl() {
              local answer status=0
              answer=$(command curl -sS --fail-with-body "$@") || status=$?
              if [ "$status" -ne 0 ]; then printf 'refused (curl exit %s): %s\n' "$status" "$answer" >&2; fi
              printf '%s' "$answer"
              return "$status"
            }
            # The README's grpcurl: the stand-in it describes (Debian 12 has no grpcurl package).
            grpcurl() { node tests/clients/node/grpcurl.mjs "$@"; }

            """);
        foreach (var block in blocks)
        {
            // On a line of its own: the answer before it may end without a newline.
            script.Append($"echo; echo '>>> {block.File}:{block.Line}'\n").Append(ForThisSystem(block.Code)).Append('\n');
        }
        script.Append("echo; echo '>>> all examples ran'\n");

        var run = await ChildProcess.RunAsync(new ProcessStartInfo("bash") { WorkingDirectory = SharedData.RepositoryRoot },
            TimeSpan.FromMinutes(4), script.ToString());

        TestContext.Current.TestOutputHelper?.WriteLine(run.Output + run.Errors);
        var lastBlock = Markers().Matches(run.Output).LastOrDefault()?.Groups[1].Value ?? "(none)";
        Assert.True(run.ExitCode == 0, $"the example at {lastBlock} failed (exit {run.ExitCode}{(run.TimedOut ? ", stopped after 4 minutes" : "")}); "
            + $"output:\n{Tail(run.Output)}\nerrors:\n{Tail(run.Errors)}");
        Assert.Equal([.. blocks.Select(b => $"{b.File}:{b.Line}"), "all examples ran"],
            Markers().Matches(run.Output).Select(m => m.Groups[1].Value));
    }

    internal static bool IsRunnable(CodeBlock block) => block.Language == DocumentationExamples.RunnableLanguage;

    /// <summary>An example rewritten for the test's AppHost: its ports, its state folder, the Debug build.</summary>
    private string ForThisSystem(string code)
    {
        foreach (var (port, resource, endpoint) in FixedPorts)
        {
            var actual = fixture.Host.Endpoint(resource, endpoint).Port;
            code = Regex.Replace(code, $@"(?<=(localhost|127\.0\.0\.1):|Port=){port}\b", actual.ToString());
        }
        return code.Replace(".oversight/", fixture.Host.StateDirectory + "/").Replace("/bin/Release/", "/bin/Debug/");
    }

    private static string Tail(string output) => output.Length <= 6000 ? output : "…" + output[^6000..];

    [GeneratedRegex(@"^>>> (.+)$", RegexOptions.Multiline)]
    private static partial Regex Markers();
}

/// <summary>How the documentation's code blocks are read, checked without a system (so a system that fails to start fails only the examples).</summary>
public sealed class DocumentationBlocksTests
{
    [Fact]
    public void Every_code_block_says_what_it_is_so_no_shell_example_escapes_the_run()
    {
        var untagged = DocumentationExamples.Files().SelectMany(DocumentationExamples.Blocks)
            .Where(block => block.Language.Length == 0).Select(block => $"{block.File}:{block.Line}").ToList();
        Assert.True(untagged.Count == 0, "code blocks without a language (bash: run against a system; sh: a command of "
            + "the machine; text/json: shown): " + string.Join(", ", untagged));
        // The README's walk through the services is there to be run.
        Assert.True(DocumentationExamples.Blocks("README.md").Count(DocumentationExamplesTests.IsRunnable) >= 8);
    }

    [Fact]
    public void A_code_block_left_open_is_an_error_not_the_rest_of_the_page()
    {
        var error = Assert.Throws<FormatException>(() =>
            DocumentationExamples.Parse("x.md", ["text", "```bash", "curl -s a", "```", "", "```text", "out"]));
        Assert.Equal("x.md:6: the code block is never closed", error.Message);
    }
}
