using Oversight.Complaints.Domain.Intake;
using Oversight.Complaints.Domain.Lifecycle;
using Oversight.Complaints.Domain.Registration;

namespace Oversight.Complaints.Model;

/// <summary>What intake leaves: the complaint after the steps intake takes at once, and the domain events it announces.</summary>
public sealed record IntakeDecision(ComplaintAggregate Complaint, IReadOnlyList<ComplaintDomainEvent> Announced);

/// <summary>
/// The steps intake takes after <see cref="ComplaintAggregate.Submit"/>, as its verdict says (pure): a registrable
/// complaint is registered at once under the number the caller drew; one that needs completion is sent back for it;
/// anything else stays as submitted. The submission is announced, and a registration after it; a completion asked at
/// intake has no event of its own (the submission's status, needs_completion, says it).
/// </summary>
public static class ComplaintIntake
{
    /// <summary>Whether <see cref="Decide"/> needs a registration number for this submission.</summary>
    public static bool Registers(ComplaintTransition submitted) => submitted.Complaint.Assessment.Verdict == IntakeVerdict.Registrable;

    /// <param name="number">The registration number when <see cref="Registers"/>; otherwise ignored.</param>
    public static IntakeDecision Decide(ComplaintTransition submitted, RegistrationNumber? number, Actor actor, DateTimeOffset at)
    {
        var complaint = submitted.Complaint;
        switch (complaint.Assessment.Verdict)
        {
            case IntakeVerdict.Registrable:
                var registered = complaint.Register(number ?? throw new ArgumentNullException(nameof(number)), actor, at);
                return new(registered.Complaint, [submitted.Event, registered.Event]);
            case IntakeVerdict.NeedsCompletion:
                return new(complaint.RequestCompletion(actor, at).Complaint, [submitted.Event]);
            default:
                return new(complaint, [submitted.Event]);
        }
    }
}
