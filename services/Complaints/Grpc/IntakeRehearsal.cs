using System.Globalization;
using Oversight.Complaints.Domain.Intake;
using Oversight.Complaints.Domain.Lifecycle;
using Oversight.Complaints.Grpc.Mapping;
using Oversight.Complaints.Infrastructure;
using Oversight.Complaints.Infrastructure.Audit;
using Oversight.Complaints.Infrastructure.Routing;
using Oversight.Complaints.Model;
using Oversight.Contracts.Complaints;
using Oversight.Security.Authentication;
using Oversight.ServiceDefaults.Warmup;

namespace Oversight.Complaints.Grpc;

/// <summary>
/// A warm-up step: one complete laporan through intake's own code (mapping, checks, fingerprint, the idempotency
/// cache's read, the domain, sealing, PIN, the transaction with its number draw and batch, the reply) with the
/// transaction rolled back, so nothing is stored and no number is used. After a restart under load the first
/// submissions each paid these first-call costs (about 300 ms for the first alone) while the others queued behind
/// them (docs/performance.md, "Start-up and idle memory"). Routing is not rehearsed: it needs an office's token; its
/// channel is opened by <see cref="DirectoryWarmup"/>. The sample is fictitious and goes nowhere: no log line, event
/// or audit entry names it.
/// </summary>
public sealed class IntakeRehearsal(IntakeRegistration registration, IdempotencyCache idempotency, TimeProvider time) : IWarmupStep
{
    private const string ClientId = "system:warm-up";

    // The national office: its registration counter row is locked for the rehearsal's few milliseconds, then released.
    private static readonly IntakeRouting Routing = new(Guid.Empty.ToString(), "Rehearsal", OfficeRegionCode: "", PpkName: null, PpkRole: null, InElectionPeriod: true);

    public string Name => "intake rehearsal";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var request = Sample(now);
        var submission = SubmissionMapper.Map(request, null, now, out var errors)
            ?? throw new InvalidOperationException("the rehearsal's sample was refused: " + string.Join("; ", errors));
        var refusals = IntakeRefusals.RefusalErrors(IntakeRegistration.Precheck(submission, now));
        if (refusals.Count > 0) throw new InvalidOperationException("the rehearsal's sample was refused: " + string.Join("; ", refusals));
        var fingerprint = SubmissionFingerprint.Of(request);
        await idempotency.GetAsync(ClientId, request.IdempotencyKey, fingerprint);
        var (result, pin) = await registration.RegisterAsync(submission, Routing, new Actor(ClientId, [OfficeRoles.IntakeOfficer]), AuditActor.System("warm-up"),
            fingerprint, now, rehearsal: true, cancellationToken);
        // The reply is built as SubmitComplaint builds it (its first-call cost is part of intake's) and goes nowhere.
        _ = ComplaintReplies.ToSubmitReply(result.Row, pin, replayed: false);
    }

    /// <summary>A complete laporan of a fictitious voter about a fictitious civil servant.</summary>
    private static SubmitComplaintRequest Sample(DateTimeOffset now)
    {
        string Wib(DateTimeOffset instant) => instant.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        return new SubmitComplaintRequest
        {
            Kind = "laporan",
            RegionCode = "52.71",
            Reporter = new Reporter
            {
                Category = "voter", Name = "Pelapor Latihan", Nik = "5271014501900001", Address = "Jl. Latihan No. 1",
                Phone = "+62 812 0000 0000", Email = "latihan@example.org", AgreedToNotifications = true,
            },
            Reported = new ReportedPerson { Name = "Terlapor Latihan", Nip = "198501012010011001", Position = "Camat", Agency = "Kecamatan Latihan", RegionCode = "52.71" },
            ViolationType = 2,
            OccurredAt = Wib(now.AddDays(-2)),
            Place = "Grup WhatsApp kantor",
            BecameKnownAt = Wib(now.AddDays(-1)),
            Description = "Latihan pemanasan layanan: tidak disimpan.",
            Evidence = { new Evidence { Url = "https://example.org/bukti/latihan.png", Sha256 = new string('0', 64), Description = "Tangkapan layar" } },
            SignatureAttested = true,
            IdempotencyKey = "warm-up-" + Guid.NewGuid().ToString("N"),
        };
    }
}
