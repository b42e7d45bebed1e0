using Oversight.Hosting;
using Oversight.Hosting.Processes;
using Oversight.Hosting.Resources;

namespace Oversight.UnitTests.Hosting;

public sealed class SmallPartsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(20, 30)]
    public void Restart_backoff_doubles_up_to_thirty_seconds(int attempt, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ProjectResource.RestartDelay(attempt));

    [Fact]
    public void Console_log_keeps_the_newest_lines_and_counts_what_it_dropped()
    {
        var log = new ConsoleLog(capacity: 3);
        foreach (var i in Enumerable.Range(1, 5)) log.Write($"line {i}");
        Assert.Equal(["line 3", "line 4", "line 5"], log.Snapshot().Select(l => l.Text));
        Assert.Equal(2, log.Dropped);
        Assert.Equal(["line 4", "line 5"], log.Tail(2));
    }

    [Fact]
    public void Status_table_lists_each_resource_with_state_and_urls()
    {
        var state = Path.Combine(Path.GetTempPath(), "oversight-table-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var builder = new DistributedApplicationBuilder(new DistributedApplicationOptions { StateDirectory = state });
            builder.AddRedis("cache");
            var table = StatusTable.Render(builder.Resources);
            var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("RESOURCE", lines[0]);
            Assert.Matches(@"^cache\s+redis\s+NotStarted\s+-\s+tcp://127\.0\.0\.1:16379$", lines[1]);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [Fact]
    public void Database_names_are_validated_before_they_reach_sql()
    {
        var state = Path.Combine(Path.GetTempPath(), "oversight-db-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var postgres = new DistributedApplicationBuilder(new DistributedApplicationOptions { StateDirectory = state }).AddPostgres("pg");
            var error = Assert.Throws<ArgumentException>(() => postgres.AddDatabase("x", "bad\"; DROP"));
            Assert.Contains("lower-case letters", error.Message);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }
}
