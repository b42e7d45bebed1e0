using Oversight.Complaints.Domain.Intake;
using Oversight.Complaints.Domain.Lifecycle;
using Oversight.Complaints.Domain.Regimes;
using Oversight.Complaints.Domain.Registration;
using Oversight.Complaints.Grpc.Mapping;
using Oversight.Complaints.Infrastructure;
using Oversight.Complaints.Infrastructure.Audit;
using Oversight.Complaints.Infrastructure.Privacy;
using Oversight.Complaints.Infrastructure.Routing;
using Oversight.Complaints.Infrastructure.Transitions;
using Oversight.Complaints.Model;
using Oversight.Regions;

namespace Oversight.Complaints.Grpc;

/// <summary>A stored submission, and the PIN shown to its reporter once (null for a temuan or a tip).</summary>
public sealed record Registered(IntakeResult Result, string? Pin);

/// <summary>
/// The write of a submission that passed the checks and was routed: the domain decides, the reporter's identity is
/// sealed, a laporan gets its tracking code and PIN, and one transaction stores it all (<see cref="ComplaintStore"/>).
/// SubmitComplaint uses it, and so does the warm-up's rehearsal (<see cref="IntakeRehearsal"/>), which runs this same
/// path once before the service is ready and rolls its transaction back.
/// </summary>
public sealed class IntakeRegistration(ComplaintStore store, ReporterIdentityProtector protector, ReporterPin pins)
{
    /// <summary>The rules of this service's complaints (one regime for now; the row records it).</summary>
    private static readonly ElectionRegime Regime = ElectionRegimes.Pilkada2024;

    /// <summary>
    /// The submission assessed before anything is asked or stored; its formal and uncurable failures refuse it at the
    /// API (<see cref="IntakeRefusals.RefusalErrors"/>). The region's election period is not known yet, so it is assumed.
    /// </summary>
    public static IntakeAssessment Precheck(Submission submission, DateTimeOffset now) =>
        IntakeRules.Assess(submission.Kind, submission.Details, Regime, now, regionInElectionPeriod: true);

    /// <param name="rehearsal">Run everything, then roll the transaction back: nothing is stored, no number is used.</param>
    public async Task<Registered> RegisterAsync(
        Submission submission, IntakeRouting routing, Actor actor, AuditActor auditActor, byte[]? fingerprint,
        DateTimeOffset now, bool rehearsal, CancellationToken cancellationToken)
    {
        var officeCode = routing.OfficeRegionCode.Length == 0 ? RegistrationNumber.NationalOffice : routing.OfficeRegionCode;
        var submitted = ComplaintAggregate.Submit(Guid.CreateVersion7(), submission.Kind, submission.RegionCode, officeCode, submission.Details,
            Regime, routing.InElectionPeriod, actor, now);
        var id = submitted.Complaint.Id;
        // Only a laporan's reporter follows the complaint (no sign-in): a tracking code, and a PIN shown once.
        var pin = submission.Kind == ComplaintKind.Laporan ? ReporterPin.Generate() : null;
        var intake = new IntakeRecord(routing, submission.Reporter is { } identity ? protector.Seal(id, identity) : null,
            pin is null ? null : TrackingCode.New().Compact, pin is null ? null : pins.Hash(pin), actor.Id, submission.IdempotencyKey, fingerprint);
        var year = IndonesianTime.DateOf(now).Year;
        async Task<IntakeWrite> Decide(ITransitionScope scope)
        {
            var number = ComplaintIntake.Registers(submitted)
                ? RegistrationNumber.Create(officeCode, submission.Kind, year, await scope.NextRegistrationSequenceAsync(officeCode, year))
                : null;
            return ComplaintWrites.Intake(intake, ComplaintIntake.Decide(submitted, number, actor, now), auditActor);
        }
        var result = rehearsal
            ? await store.RehearseAsync(Decide, cancellationToken)
            : await store.SubmitAsync(actor.Id, submission.IdempotencyKey, Decide, cancellationToken);
        return new Registered(result, pin);
    }
}
