using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Grpc.Core;
using Npgsql;
using Oversight.Complaints.Domain.Regimes;
using Oversight.Contracts.Complaints;
using Oversight.Contracts.IntegrationEvents;
using Oversight.IntegrationTests.EndToEnd;
using Oversight.Regions;
using Oversight.Security.Credentials;
using Oversight.Testing;
using static Oversight.Contracts.Complaints.Complaints;

namespace Oversight.IntegrationTests.Complaints;

/// <summary>The directory and the complaints service, started once for the intake tests.</summary>
public sealed class IntakeSystemFixture(TestServers servers) : IAsyncLifetime
{
    public TestSystem System { get; private set; } = null!;

    // The service's own categories at Debug: the privacy test below must see every line the service can write about a
    // complaint, not only those of the default level.
    public async ValueTask InitializeAsync() => System = await TestSystem.StartAsync(servers, new TestSystemOptions
    {
        Services = [TestSystem.Complaints],
        Environment = new Dictionary<string, string> { ["complaints:Logging__LogLevel__Oversight.Complaints"] = "Debug" },
    });

    public async ValueTask DisposeAsync() => await System.DisposeAsync();
}

/// <summary>
/// Intake over real servers: registration with gap-free numbers, tracking by code and PIN, refusals that store
/// nothing, idempotent retries, region scopes, and the reporter's identity kept out of events, logs and plain storage.
/// </summary>
public sealed partial class IntakeTests(IntakeSystemFixture fixture) : IClassFixture<IntakeSystemFixture>
{
    private readonly TestSystem _system = fixture.System;

    private ComplaintsClient Client => new(_system.Channel(TestSystem.Complaints));

    private static int Year => IndonesianTime.DateOf(DateTimeOffset.UtcNow).Year;

    [Fact]
    public async Task A_complete_laporan_is_registered_with_a_number_a_tracking_code_and_a_pin()
    {
        // Berau's office registers only in this test, so its first number of the year is 0001.
        var reply = await Client.SubmitComplaintAsync(ComplaintSubmission.Laporan("64.03"), await _system.IntakeOfficerHeadersAsync("64.03"));

        Assert.Equal("registered", reply.Status);
        Assert.Equal($"64.03/LP/{Year}/0001", reply.RegistrationNumber);
        Assert.Matches(TrackingCodePattern(), reply.TrackingCode);
        Assert.Matches("^[0-9]{6}$", reply.Pin);
        Assert.False(reply.Replayed);
        Assert.Equal("Bawaslu Kabupaten Berau", reply.HandlingOffice.Name);
        Assert.Equal("64.03", reply.HandlingOffice.RegionCode);
        Assert.True(Guid.TryParse(reply.HandlingOffice.Id, out _));
        // 2026 is not a Pilkada campaign: accepted, flagged.
        Assert.True(reply.OutsideElectionPeriod);
        Assert.Empty(reply.OpenRequirements);

        var tracked = await Client.TrackComplaintAsync(new TrackComplaintRequest { TrackingCode = reply.TrackingCode.ToLowerInvariant(), Pin = reply.Pin });
        Assert.Equal("registered", tracked.Status);
        Assert.Equal(reply.RegistrationNumber, tracked.RegistrationNumber);
        Assert.Equal("Bawaslu Kabupaten Berau", tracked.HandlingOfficeName);

        var wrongPin = ((int.Parse(reply.Pin) + 1) % 1_000_000).ToString("D6");
        var wrong = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.TrackComplaintAsync(new TrackComplaintRequest { TrackingCode = reply.TrackingCode, Pin = wrongPin }));
        var unknown = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.TrackComplaintAsync(new TrackComplaintRequest { TrackingCode = "0000-000000", Pin = reply.Pin }));
        Assert.Equal(StatusCode.NotFound, wrong.StatusCode);
        Assert.Equal(wrong.StatusCode, unknown.StatusCode);
        Assert.Equal(wrong.Status.Detail, unknown.Status.Detail);
    }

    [Fact]
    public async Task Two_registrations_in_one_office_get_consecutive_numbers()
    {
        var desk = await _system.IntakeOfficerHeadersAsync("52.71");
        var first = await Client.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71"), desk);
        var second = await Client.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71") with { ViolationType = 6 }, desk);

        var a = NumberPattern().Match(first.RegistrationNumber);
        var b = NumberPattern().Match(second.RegistrationNumber);
        Assert.True(a.Success && b.Success, $"{first.RegistrationNumber} / {second.RegistrationNumber}");
        Assert.Equal($"52.71/LP/{Year}", a.Groups["prefix"].Value);
        Assert.Equal(a.Groups["prefix"].Value, b.Groups["prefix"].Value);
        Assert.Equal(int.Parse(a.Groups["seq"].Value) + 1, int.Parse(b.Groups["seq"].Value));
    }

    [Fact]
    public async Task Material_gaps_are_stored_as_needs_completion_and_a_tip_is_logged()
    {
        var desk = await _system.IntakeOfficerHeadersAsync("52.71");
        var reply = await Client.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71") with { Place = "", Evidence = [] }, desk);
        Assert.Equal("needs_completion", reply.Status);
        Assert.Empty(reply.RegistrationNumber);
        Assert.Equal(["evidence", "place"], reply.OpenRequirements.Select(r => r.Field).Order());
        Assert.All(reply.OpenRequirements, r => Assert.Equal("material", r.Category));
        Assert.NotEmpty(reply.TrackingCode);

        var tip = await Client.SubmitComplaintAsync(ComplaintSubmission.Tip("52.71", "Ada kabar seorang kepala dinas ikut kampanye."), desk);
        Assert.Equal("logged", tip.Status);
        Assert.Empty(tip.RegistrationNumber);
        Assert.Empty(tip.TrackingCode);
        Assert.Empty(tip.Pin);

        var stored = await Client.GetComplaintAsync(new GetComplaintRequest { ComplaintId = tip.ComplaintId }, desk);
        Assert.Equal("informasi_awal", stored.Kind);
        Assert.Equal("logged", stored.Status);
    }

    [Fact]
    public async Task A_bad_nip_is_refused_naming_its_part_and_nothing_is_stored()
    {
        var error = await RefusedAsync(ComplaintSubmission.Laporan("52.71") with { Reported = ComplaintSubmission.Accused with { Nip = "198501012010013001" } }); // sex digit 3
        Assert.Contains("reported.nip: sex digit must be 1 or 2, got 3", error.Status.Detail);
    }

    [Fact]
    public async Task A_laporan_without_reporter_identity_is_refused_and_nothing_is_stored()
    {
        var error = await RefusedAsync(ComplaintSubmission.Laporan("52.71") with { Reporter = null });
        Assert.Contains("reporter: identity is required for a laporan", error.Status.Detail);
    }

    [Fact]
    public async Task A_late_filing_is_refused_naming_the_window_and_nothing_is_stored()
    {
        var error = await RefusedAsync(ComplaintSubmission.Laporan("52.71") with { OccurredAt = ComplaintSubmission.DaysAgo(12), BecameKnownAt = ComplaintSubmission.DaysAgo(10) });
        Assert.Contains("became_known_at: filed on", error.Status.Detail);
        Assert.Contains("7 days filing window", error.Status.Detail);
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_gives_one_complaint_and_no_second_pin()
    {
        var desk = await _system.IntakeOfficerHeadersAsync("52.71");
        var key = "retry-" + Guid.NewGuid();
        var request = ComplaintSubmission.Laporan("52.71") with { IdempotencyKey = key };
        var before = await CountAsync();

        var first = await Client.SubmitComplaintAsync(request, desk);
        // The retry sends the same request with the key as a header instead of the field.
        var retry = request with { IdempotencyKey = "" };
        var second = await Client.SubmitComplaintAsync(retry, [.. desk, new Metadata.Entry("idempotency-key", key)]);

        Assert.Equal(first.ComplaintId, second.ComplaintId);
        Assert.Equal(first.RegistrationNumber, second.RegistrationNumber);
        Assert.Equal(first.TrackingCode, second.TrackingCode);
        Assert.True(second.Replayed);
        Assert.Empty(second.Pin);
        Assert.NotEmpty(first.Pin);
        Assert.Equal(before + 1, await CountAsync());
    }

    [Fact]
    public async Task An_idempotency_key_reused_for_a_different_request_is_refused_naming_the_key()
    {
        var desk = await _system.IntakeOfficerHeadersAsync("52.71");
        var key = "reused-" + Guid.NewGuid();
        var request = ComplaintSubmission.Laporan("52.71") with { IdempotencyKey = key };
        var first = await Client.SubmitComplaintAsync(request, desk);
        var before = await CountAsync();

        // Same key, another complaint: AlreadyExists (not the first complaint's answer), nothing stored.
        var other = request with { Description = "Kepala dinas memasang spanduk pasangan calon di kantor dinas." };
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await Client.SubmitComplaintAsync(other, desk));
        Assert.Equal(StatusCode.AlreadyExists, refused.StatusCode);
        Assert.Contains($"idempotency_key: '{key}' was already used by this client for a different request", refused.Status.Detail);
        Assert.Equal(before, await CountAsync());

        // Over REST: 409.
        using var http = _system.Http(TestSystem.Complaints);
        using var rest = new HttpRequestMessage(HttpMethod.Post, "/v1/complaints")
        {
            Content = new StringContent(Google.Protobuf.JsonFormatter.Default.Format(other.Build()), Encoding.UTF8, "application/json"),
        };
        rest.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", desk.GetValue("authorization")!["Bearer ".Length..]);
        using var conflict = await http.SendAsync(rest);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains(key, await conflict.Content.ReadAsStringAsync());

        // The genuine retry is still the first complaint.
        var retry = await Client.SubmitComplaintAsync(request, desk);
        Assert.Equal((first.ComplaintId, true), (retry.ComplaintId, retry.Replayed));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task An_office_of_kendari_can_neither_submit_for_nor_read_a_mataram_complaint()
    {
        var kendari = await _system.IntakeOfficerHeadersAsync("74.71");
        var submit = await Assert.ThrowsAsync<RpcException>(async () => await Client.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71"), kendari));
        Assert.Equal(StatusCode.PermissionDenied, submit.StatusCode);

        var mataram = await Client.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71"), await _system.IntakeOfficerHeadersAsync("52.71"));
        var read = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.GetComplaintAsync(new GetComplaintRequest { ComplaintId = mataram.ComplaintId }, kendari));
        Assert.Equal(StatusCode.PermissionDenied, read.StatusCode);

        // The province's offices cover it.
        var province = await Client.GetComplaintAsync(new GetComplaintRequest { ComplaintId = mataram.ComplaintId }, await _system.IntakeOfficerHeadersAsync("52"));
        Assert.Equal(mataram.RegistrationNumber, province.RegistrationNumber);
    }

    [Fact]
    public async Task The_reporters_identity_is_in_no_event_no_log_line_and_not_in_plain_text_in_the_database()
    {
        var amqp = _system.Project(TestSystem.Complaints).Environment["ConnectionStrings__messaging"];
        await using var events = await EventListener.ListenAsync(amqp, [typeof(ComplaintSubmitted), typeof(ComplaintRegistered)]);

        var reply = await Client.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71"), await _system.IntakeOfficerHeadersAsync("52.71"));

        var bodies = (await events.WaitForAsync(all => all.Count(e => e.Body.Contains(reply.ComplaintId, StringComparison.Ordinal)) == 2,
            TimeSpan.FromSeconds(30), "ComplaintSubmitted and ComplaintRegistered on the integrator queue")).Select(e => e.Body).ToList();

        string[] secrets = [ComplaintSubmission.ReporterName, ComplaintSubmission.ReporterNik, ComplaintSubmission.ReporterPhone, ComplaintSubmission.ReporterEmail, "Siti", ComplaintSubmission.AccusedNip, "Budi Santoso"];
        foreach (var body in bodies)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
            }
        }
        Assert.Contains(bodies, b => b.Contains(reply.RegistrationNumber, StringComparison.Ordinal) && b.Contains("Kecamatan Ampenan", StringComparison.Ordinal));

        // The console reaches us through Aspire's resource logger a moment after the service wrote it.
        var service = _system.Project(TestSystem.Complaints);
        await service.WaitForLineAsync(reply.ComplaintId, TimeSpan.FromSeconds(15));
        var console = service.ConsoleSnapshot();
        foreach (var line in console)
        {
            foreach (var secret in secrets[..5])
            {
                Assert.DoesNotContain(secret, line.Text, StringComparison.OrdinalIgnoreCase);
            }
        }

        await using var db = await OpenDatabaseAsync();
        await using var read = new NpgsqlCommand("SELECT reporter_identity FROM complaints WHERE id = $1", db) { Parameters = { new() { Value = Guid.Parse(reply.ComplaintId) } } };
        var sealedBytes = (byte[])(await read.ExecuteScalarAsync())!;
        Assert.NotEmpty(sealedBytes);
        var asText = Encoding.UTF8.GetString(sealedBytes);
        foreach (var secret in secrets[..5])
        {
            Assert.DoesNotContain(secret, asText, StringComparison.OrdinalIgnoreCase);
            Assert.True(IndexOf(sealedBytes, Encoding.UTF8.GetBytes(secret)) < 0, $"'{secret}' in the sealed bytes");
        }
    }

    [Fact]
    public async Task A_pin_hashed_before_the_keyed_hash_still_tracks_and_is_then_stored_keyed()
    {
        var reply = await Client.SubmitComplaintAsync(ComplaintSubmission.Laporan("52.71"), await _system.IntakeOfficerHeadersAsync("52.71"));
        var id = Guid.Parse(reply.ComplaintId);
        Assert.StartsWith("hmac-sha256$k1$", await PinHashAsync(id));
        // As a complaint registered before the keyed hash: PBKDF2, 10,000 rounds.
        var legacy = SecretHasher.Hash(reply.Pin, 10_000);
        await using (var db = await OpenDatabaseAsync())
        await using (var update = new NpgsqlCommand("UPDATE complaints SET pin_hash = $1 WHERE id = $2", db) { Parameters = { new() { Value = legacy }, new() { Value = id } } })
        {
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        var wrongPin = ((int.Parse(reply.Pin) + 1) % 1_000_000).ToString("D6");
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.TrackComplaintAsync(new TrackComplaintRequest { TrackingCode = reply.TrackingCode, Pin = wrongPin }));
        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        Assert.Equal(legacy, await PinHashAsync(id));

        var tracked = await Client.TrackComplaintAsync(new TrackComplaintRequest { TrackingCode = reply.TrackingCode, Pin = reply.Pin });
        Assert.Equal(reply.RegistrationNumber, tracked.RegistrationNumber);
        var rehashed = await PinHashAsync(id);
        Assert.StartsWith("hmac-sha256$k1$", rehashed);
        Assert.Equal("registered", (await Client.TrackComplaintAsync(new TrackComplaintRequest { TrackingCode = reply.TrackingCode, Pin = reply.Pin })).Status);
        Assert.Equal(rehashed, await PinHashAsync(id));
    }

    private async Task<string> PinHashAsync(Guid id)
    {
        await using var db = await OpenDatabaseAsync();
        await using var read = new NpgsqlCommand("SELECT pin_hash FROM complaints WHERE id = $1", db) { Parameters = { new() { Value = id } } };
        return (string)(await read.ExecuteScalarAsync())!;
    }

    private async Task<RpcException> RefusedAsync(SubmitComplaintRequest request)
    {
        var before = await CountAsync();
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.SubmitComplaintAsync(request, await _system.IntakeOfficerHeadersAsync("52.71")));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(before, await CountAsync());
        return error;
    }

    private async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var connection = new NpgsqlConnection(_system.Setting(TestSystem.Complaints, "ConnectionStrings__complaintsdb"));
        await connection.OpenAsync();
        return connection;
    }

    private async Task<long> CountAsync()
    {
        await using var db = await OpenDatabaseAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM complaints", db);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);

    [GeneratedRegex("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{6}$")]
    private static partial Regex TrackingCodePattern();

    [GeneratedRegex("^(?<prefix>.+)/(?<seq>[0-9]{4,})$")]
    private static partial Regex NumberPattern();
}

/// <summary>With Redis unreachable, the database alone keeps retries idempotent.</summary>
public sealed class IntakeWithoutRedisTests(TestServers servers)
{
    [Fact]
    public async Task With_redis_down_the_same_idempotency_key_gives_one_complaint_and_a_codes_tries_are_still_limited()
    {
        // Nothing listens on port 1.
        await using var system = await TestSystem.StartWithRedisAsync(servers, "127.0.0.1:1,abortConnect=false,connectTimeout=200", TestSystem.Complaints);
        var client = new ComplaintsClient(system.Channel(TestSystem.Complaints));
        var desk = await system.IntakeOfficerHeadersAsync("52.71");
        var request = ComplaintSubmission.Laporan("52.71") with { IdempotencyKey = "no-redis-" + Guid.NewGuid() };

        var first = await client.SubmitComplaintAsync(request, desk);
        var second = await client.SubmitComplaintAsync(request, desk);

        Assert.Equal(first.ComplaintId, second.ComplaintId);
        Assert.True(second.Replayed);
        Assert.Empty(second.Pin);
        // The outage is logged once, not per call (four Redis commands were skipped).
        const string warning = "Redis idempotency keys unavailable, the database decides retries until it is back";
        var complaints = system.Project(TestSystem.Complaints);
        await complaints.WaitForLineAsync(warning);
        Assert.Single(complaints.ConsoleSnapshot(), line => line.Text.Contains(warning, StringComparison.Ordinal));

        // A code's tries are counted in Redis; without it the instance counts them itself: the eleventh is refused.
        var wrongPin = ((int.Parse(first.Pin, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        for (var i = 0; i < 10; i++)
        {
            var wrong = await Assert.ThrowsAsync<RpcException>(async () =>
                await client.TrackComplaintAsync(new TrackComplaintRequest { TrackingCode = first.TrackingCode, Pin = wrongPin }));
            Assert.Equal(StatusCode.NotFound, wrong.StatusCode);
        }
        var spent = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.TrackComplaintAsync(new TrackComplaintRequest { TrackingCode = first.TrackingCode, Pin = first.Pin }));
        Assert.Equal(StatusCode.ResourceExhausted, spent.StatusCode);
        const string trackingWarning = "Redis tracking tries unavailable, each instance counts a code's tries itself until it is back";
        await complaints.WaitForLineAsync(trackingWarning);
        Assert.Single(complaints.ConsoleSnapshot(), line => line.Text.Contains(trackingWarning, StringComparison.Ordinal));
    }
}
