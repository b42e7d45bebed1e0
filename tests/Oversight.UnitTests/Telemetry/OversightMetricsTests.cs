using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Oversight.Complaints.Infrastructure.Deadlines;

namespace Oversight.UnitTests.Telemetry;

/// <summary>The Oversight meter's instruments read well on the dashboard's Metrics page, and the docs list them all.</summary>
public sealed partial class OversightMetricsTests
{
    [GeneratedRegex(@"^oversight(\.[a-z][a-z_]*)+$")]
    private static partial Regex OpenTelemetryName();

    // UCUM (s, ms, By, 1) or a singular count annotation such as {complaint}.
    [GeneratedRegex(@"^(\{[a-z][a-z_]*[a-z]\}|s|ms|By|1)$")]
    private static partial Regex Unit();

    [Fact]
    public void Every_instrument_has_a_lower_case_dotted_name_a_unit_and_a_sentence_of_description()
    {
        Assert.NotEmpty(OversightMetrics.All);
        Assert.Equal(OversightMetrics.All.Count, OversightMetrics.All.Select(m => m.Name).Distinct().Count());
        foreach (var metric in OversightMetrics.All)
        {
            Assert.Matches(OpenTelemetryName(), metric.Name);
            Assert.Matches(Unit(), metric.Unit);
            Assert.True(metric.Description.Length > 30 && metric.Description.EndsWith('.'), $"{metric.Name}: \"{metric.Description}\"");
        }
    }

    [Fact]
    public void The_business_instruments_exist()
    {
        Assert.Contains(OversightMetrics.All, m => m.Name == "oversight.complaints.submitted" && m.Unit == "{complaint}");
        Assert.Contains(OversightMetrics.All, m => m.Name == "oversight.complaints.refused");
        Assert.Contains(OversightMetrics.All, m => m.Name == "oversight.complaints.overdue" && m.Unit == "{complaint}");
    }

    [Fact]
    public void Docs_operations_lists_every_instrument_with_its_unit()
    {
        var operations = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "operations.md"));
        foreach (var metric in OversightMetrics.All)
        {
            Assert.Contains($"| `{metric.Name}` | `{metric.Unit}` |", operations);
        }
    }

    [Fact]
    public void An_instrument_is_published_with_its_definitions_unit_and_description()
    {
        var published = new List<Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == OversightTelemetry.MeterName && instrument.Name == OversightMetrics.ComplaintsOverdue.Name)
                {
                    lock (published) published.Add(instrument);
                }
            },
        };
        listener.Start();
        OverdueCounts.WithGauge();

        var gauge = Assert.Single(published, i => i is ObservableGauge<long>);
        Assert.Equal((OversightMetrics.ComplaintsOverdue.Unit, OversightMetrics.ComplaintsOverdue.Description), (gauge.Unit, gauge.Description));
    }

    // From this source file, so that it holds wherever the build output goes.
    private static string RepositoryRoot([CallerFilePath] string source = "")
    {
        for (var directory = new DirectoryInfo(Path.GetDirectoryName(source)!); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Oversight.sln"))) return directory.FullName;
        }
        throw new DirectoryNotFoundException("Oversight.sln not found above " + source);
    }
}
