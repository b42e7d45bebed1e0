using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Core;
using Npgsql;
using Oversight.Contracts.Complaints;
using Oversight.IntegrationTests.EndToEnd;
using Oversight.Testing;
using static Oversight.Contracts.Complaints.Complaints;

namespace Oversight.IntegrationTests.Hostile;

/// <summary>The directory and the complaints service admitting one submission at a time, with no queue.</summary>
public sealed class AdmissionLimitedSystemFixture(TestServers servers) : IAsyncLifetime
{
    public TestSystem System { get; private set; } = null!;

    public async ValueTask InitializeAsync() => System = await TestSystem.StartWithEnvironmentAsync(servers,
        new Dictionary<string, string>
        {
            [$"{TestSystem.Complaints}:Complaints__Admission__MaxInFlight"] = "1",
            [$"{TestSystem.Complaints}:Complaints__Admission__MaxQueued"] = "0",
        },
        TestSystem.Complaints);

    public async ValueTask DisposeAsync() => await System.DisposeAsync();
}

/// <summary>
/// Past the admission limit intake refuses at once as busy (ResourceExhausted / 429 with a retry hint), whichever client
/// calls; what it accepts is stored exactly once and what it refuses is not stored at all.
/// </summary>
public sealed class IntakeAdmissionTests(AdmissionLimitedSystemFixture fixture) : IClassFixture<AdmissionLimitedSystemFixture>
{
    private const int Concurrent = 20;

    private TestSystem System => fixture.System;

    private ComplaintsClient Complaints => new(System.Channel(TestSystem.Complaints));

    [Fact]
    public async Task Concurrent_submissions_over_the_limit_are_refused_as_busy_and_only_the_accepted_ones_are_stored()
    {
        // Three desks (three office clients), each submitting for its own region.
        var desks = new[]
        {
            (region: "52.71", headers: await System.IntakeOfficerHeadersAsync("52.71")),
            (region: "52.71", headers: await System.IntakeOfficerHeadersAsync("52.71")),
            (region: "64.03", headers: await System.IntakeOfficerHeadersAsync("64.03")),
        };
        var run = Guid.NewGuid().ToString("N");
        var busyLinesBefore = BusyLines();

        // A laporan's PIN hash takes a while, so twenty submissions at once find the one slot taken.
        var calls = Enumerable.Range(0, Concurrent).Select(async i =>
        {
            var description = $"Admission {run} #{i}: politik uang di TPS 07, amplop dibagikan sebelum pencoblosan.";
            try
            {
                var desk = desks[i % desks.Length];
                var reply = await Complaints.SubmitComplaintAsync(ComplaintSubmission.Laporan(desk.region) with { Description = description }, desk.headers);
                return (description, reply, error: (RpcException?)null);
            }
            catch (RpcException error)
            {
                return (description, reply: (SubmitComplaintReply?)null, error);
            }
        }).ToList();
        var outcomes = await Task.WhenAll(calls);

        var accepted = outcomes.Where(o => o.reply is not null).ToList();
        var refused = outcomes.Where(o => o.error is not null).ToList();
        Assert.True(accepted.Count > 0, "none accepted: " + string.Join("; ", refused.Select(o => o.error!.Status.ToString()).Distinct()));
        Assert.NotEmpty(refused);
        Assert.All(accepted, o => Assert.Equal("registered", o.reply!.Status));
        Assert.All(refused, o =>
        {
            Assert.Equal(StatusCode.ResourceExhausted, o.error!.StatusCode);
            Assert.Contains("The complaints service is busy: retry after 1 s", o.error.Status.Detail);
            Assert.Equal("1", o.error.Trailers.GetValue("retry-after"));
        });

        // Each accepted submission stored exactly once, under its id; no refused one stored.
        var stored = await StoredAsync(run);
        Assert.Equal(accepted.Count, stored.Count);
        Assert.All(accepted, o => Assert.Equal(o.description, Assert.Single(stored, row => row.Id == Guid.Parse(o.reply!.ComplaintId)).Description));
        Assert.All(refused, o => Assert.DoesNotContain(stored, row => row.Description == o.description));

        // The refusals are logged as busy (at most one line a second, RefusalLogThrottle), without the reporter.
        await Eventually.HoldsAsync(() => Task.FromResult(BusyLines()), lines => lines > busyLinesBefore,
            TimeSpan.FromSeconds(10), "a busy refusal logged");
        Assert.InRange(BusyLines() - busyLinesBefore, 1, refused.Count);
        Assert.DoesNotContain(System.Project(TestSystem.Complaints).ConsoleSnapshot(), line => line.Text.Contains(ComplaintSubmission.ReporterName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Over_rest_a_busy_refusal_is_429_with_retry_after()
    {
        var desk = await System.IntakeOfficerHeadersAsync("52.71");
        using var http = System.Http(TestSystem.Complaints);

        var answers = await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(async i =>
        {
            using var rest = new HttpRequestMessage(HttpMethod.Post, "/v1/complaints")
            {
                Content = new StringContent(JsonFormatter.Default.Format(ComplaintSubmission.Laporan("52.71").Build()), global::System.Text.Encoding.UTF8, "application/json"),
            };
            rest.Headers.Authorization = AuthenticationHeaderValue.Parse(desk.GetValue("authorization")!);
            using var answer = await http.SendAsync(rest);
            return (answer.StatusCode, answer.Headers.RetryAfter?.Delta, body: await answer.Content.ReadAsStringAsync());
        }));

        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
        var refused = answers.Where(a => a.StatusCode != HttpStatusCode.OK).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, a =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, a.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), a.Delta);
            Assert.Contains("The complaints service is busy", a.body);
        });
    }

    private int BusyLines() => System.Project(TestSystem.Complaints).ConsoleSnapshot().Count(line =>
        line.Text.Contains("Refused intake for client", StringComparison.Ordinal) && line.Text.Contains("the service is busy", StringComparison.Ordinal));

    private async Task<List<(Guid Id, string Description)>> StoredAsync(string run)
    {
        await using var db = new NpgsqlConnection(System.Setting(TestSystem.Complaints, "ConnectionStrings__complaintsdb"));
        await db.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT id, description FROM complaints WHERE description LIKE @pattern", db);
        query.Parameters.AddWithValue("pattern", $"Admission {run} #%");
        await using var reader = await query.ExecuteReaderAsync();
        var rows = new List<(Guid, string)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetGuid(0), reader.GetString(1)));
        return rows;
    }
}
