using Oversight.Catalogues;
using Oversight.Complaints.Domain.Deadlines;
using Oversight.Complaints.Domain.Intake;
using Oversight.Complaints.Domain.Regimes;
using Oversight.Complaints.Domain.Registration;
using Oversight.Regions;
using static Oversight.Complaints.Domain.Lifecycle.TransitionTable;

namespace Oversight.Complaints.Domain.Lifecycle;

/// <summary>A review's outcome.</summary>
/// <param name="ViolationType">The catalogue type: required for a violation, optional when forwarded to Gakkumdu
/// (given: the neutrality part goes on to BKN beside the criminal process), absent for no violation.</param>
/// <param name="Late">Decided at or after the review deadline: recorded, not refused (a late decision still has to be made).</param>
public sealed record ComplaintDecision(DecisionOutcome Outcome, string Reasoning, int? ViolationType, DateTimeOffset DecidedAt, bool Late);

/// <summary>The PPK's sanction.</summary>
public sealed record ImposedSanction(string SanctionCode, IReadOnlyList<string> MoralSanctionCodes, string DecreeReference, DateTimeOffset ImposedAt);

/// <summary>The complaint after a step, and the event the step raises.</summary>
public sealed record ComplaintTransition(ComplaintAggregate Complaint, ComplaintDomainEvent Event);

/// <summary>
/// A complaint and its lifecycle: an immutable value; each step is a method that checks the
/// <see cref="TransitionTable"/> row (state and role), then the step's requirements, and returns the next
/// value with one <see cref="HistoryEntry"/> appended and one event, or throws
/// <see cref="TransitionRefusedException"/> naming the state and the rule. Time always comes in as a
/// parameter; an instant before the last recorded step is refused.
/// The properties are settable at construction so that storage can load a complaint; new complaints start
/// with <see cref="Submit"/>.
/// The region check of "who may do it" is the caller's (the token's scope): <see cref="ScopeRegionCodeFor"/>
/// says which region each step is checked against.
/// </summary>
public sealed record ComplaintAggregate
{
    public required Guid Id { get; init; }
    public required ComplaintKind Kind { get; init; }

    /// <summary>Where the violation happened (Kemendagri code).</summary>
    public required string RegionCode { get; init; }

    /// <summary>The handling Bawaslu office (its region code, or <c>RI</c>); the registration number carries it.</summary>
    public required string HandlingOfficeCode { get; init; }

    public required ElectionRegime Regime { get; init; }
    public required ComplaintDetails Details { get; init; }

    /// <summary>The requirement checks of the current details.</summary>
    public required IntakeAssessment Assessment { get; init; }

    public required LifecycleState State { get; init; }

    /// <summary>When it was filed: the filing window is checked against this, and completing does not move it.</summary>
    public required DateTimeOffset FiledAt { get; init; }

    /// <summary>When its current details were received (submission, completion or conversion): the Pilkada review clock starts here.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    public required IReadOnlyList<HistoryEntry> History { get; init; }

    public RegistrationNumber? RegistrationNumber { get; init; }
    public DateTimeOffset? RegisteredAt { get; init; }
    public bool ReviewExtended { get; init; }
    public ComplaintDecision? Decision { get; init; }
    public string? RecommendationReference { get; init; }
    public DateTimeOffset? RecommendedAt { get; init; }
    public DateTimeOffset? VerifiedAt { get; init; }

    /// <summary>How many times BKN escalated because the PPK did not act (0: never).</summary>
    public int EscalationLevel { get; init; }

    public DateTimeOffset? LastEscalatedAt { get; init; }
    public ImposedSanction? Sanction { get; init; }
    public string? ClosingNote { get; init; }

    /// <summary>The handling office's region code; empty (national scope) for Bawaslu RI.</summary>
    public string HandlingRegionCode => HandlingOfficeCode == RegistrationNumber.NationalOffice ? "" : HandlingOfficeCode;

    /// <summary>The region whose PPK sanctions: the reported person's employing region, else the complaint's region.</summary>
    public string EmployingRegionCode => Details.Reported?.RegionCode is { Length: > 0 } code ? code : RegionCode;

    /// <summary>The region a caller's scope must cover (empty: national) to take <paramref name="action"/> from the current state; null when the action is not allowed from it.</summary>
    public string? ScopeRegionCodeFor(string action) =>
        TransitionTable.For(action).FirstOrDefault(r => r.From == State) is { } row ? ScopeRegionCode(row.Scope) : null;

    public string ScopeRegionCode(ScopeRegion scope) => scope switch
    {
        ScopeRegion.Handling => HandlingRegionCode,
        ScopeRegion.Employing => EmployingRegionCode,
        _ => "",
    };

    // ---- intake ----

    /// <summary>Takes a complaint in: runs the requirement checks and keeps their result; never refused for failing them
    /// (the desk then registers, asks for completion or rejects).</summary>
    /// <param name="regionInElectionPeriod">The directory's answer; outside the period the complaint is accepted but flagged.</param>
    public static ComplaintTransition Submit(
        Guid id, ComplaintKind kind, string regionCode, string handlingOfficeCode, ComplaintDetails details,
        ElectionRegime regime, bool regionInElectionPeriod, Actor actor, DateTimeOffset at)
    {
        var row = TransitionTable.For(TransitionTable.Submit)[0];
        if (!actor.Has(row.Role))
        {
            throw new TransitionRefusedException(row.Action, null, RefusalKind.NotPermitted,
                $"requires role {row.Role} in the handling office's region {handlingOfficeCode}");
        }
        if (!RegistrationNumber.IsOfficeCode(regionCode) || regionCode == RegistrationNumber.NationalOffice)
        {
            throw new TransitionRefusedException(row.Action, null, RefusalKind.RequirementUnmet, "region_code: must be a Kemendagri code like 52 or 52.71");
        }
        if (!RegistrationNumber.IsOfficeCode(handlingOfficeCode))
        {
            throw new TransitionRefusedException(row.Action, null, RefusalKind.RequirementUnmet,
                "handling_office: must be the region code of a Bawaslu office, or RI");
        }
        var assessment = IntakeRules.Assess(kind, details, regime, at, regionInElectionPeriod);
        var complaint = new ComplaintAggregate
        {
            Id = id,
            Kind = kind,
            RegionCode = regionCode,
            HandlingOfficeCode = handlingOfficeCode,
            Regime = regime,
            Details = details,
            Assessment = assessment,
            State = LifecycleState.Received,
            FiledAt = at,
            ReceivedAt = at,
            History = [new HistoryEntry(null, LifecycleState.Received, row.Action, actor.Id, row.Role, at, VerdictNote(assessment))],
        };
        return new(complaint, new ComplaintSubmittedDomainEvent(id, at, actor.Id, kind, regionCode, handlingOfficeCode, assessment.Verdict, assessment.OutsideElectionPeriod));
    }

    /// <summary>Sends a laporan or temuan back for completion, listing what is missing.</summary>
    public ComplaintTransition RequestCompletion(Actor actor, DateTimeOffset at)
    {
        var row = Guard(TransitionTable.RequestCompletion, actor, at);
        if (Kind == ComplaintKind.InformasiAwal)
        {
            Refuse(row, "an informasi awal is never completed by its anonymous source: convert it to a temuan or close it");
        }
        switch (Assessment.Verdict)
        {
            case IntakeVerdict.Registrable:
                Refuse(row, "the complaint meets every requirement: register it");
                break;
            case IntakeVerdict.Refused:
                Refuse(row, $"a requirement fails that completion cannot cure ({string.Join("; ", Assessment.Failures.Where(f => !f.Curable))}): reject it");
                break;
        }
        var missing = Assessment.Errors;
        return Step(row, actor, at, string.Join("; ", missing), this, new ComplaintCompletionRequestedDomainEvent(Id, at, actor.Id, missing));
    }

    /// <summary>Takes the completed details back in and checks them again against the original filing instant.</summary>
    public ComplaintTransition Complete(ComplaintDetails completed, Actor actor, DateTimeOffset at)
    {
        var row = Guard(TransitionTable.Complete, actor, at);
        var assessment = IntakeRules.Assess(Kind, completed, Regime, FiledAt, !Assessment.OutsideElectionPeriod);
        var next = this with { Details = completed, Assessment = assessment, ReceivedAt = at };
        return Step(row, actor, at, VerdictNote(assessment), next, new ComplaintCompletedDomainEvent(Id, at, actor.Id, assessment.Verdict));
    }

    /// <summary>Registers a complaint that meets every requirement, under a number of its handling office, kind and year.</summary>
    public ComplaintTransition Register(RegistrationNumber number, Actor actor, DateTimeOffset at)
    {
        var row = Guard(TransitionTable.Register, actor, at);
        if (Kind == ComplaintKind.InformasiAwal)
        {
            Refuse(row, "an informasi awal is never registered (reporter identity is a formal requirement): convert it to a temuan first");
        }
        if (Assessment.Verdict != IntakeVerdict.Registrable)
        {
            Refuse(row, $"requirements not met: {string.Join("; ", Assessment.Errors)}");
        }
        if (number.Kind != Kind)
        {
            Refuse(row, $"number {number} is for a {number.Kind.Name()}, the complaint is a {Kind.Name()}");
        }
        if (number.OfficeCode != HandlingOfficeCode)
        {
            Refuse(row, $"number {number} belongs to office {number.OfficeCode}, the handling office is {HandlingOfficeCode}");
        }
        var year = IndonesianTime.DateOf(at).Year;
        if (number.Year != year)
        {
            Refuse(row, $"number {number} is of {number.Year}, the registration is in {year} (WIB)");
        }
        var next = this with { RegistrationNumber = number, RegisteredAt = at };
        return Step(row, actor, at, number.ToString(), next, new ComplaintRegisteredDomainEvent(Id, at, actor.Id, number.ToString()));
    }

    /// <summary>Refuses a complaint at intake (not registered); only one that fails a requirement.</summary>
    public ComplaintTransition Reject(string reason, Actor actor, DateTimeOffset at)
    {
        var row = Guard(TransitionTable.Reject, actor, at);
        RequireText(row, reason, "a reason is required");
        if (Assessment.Failures.Count == 0)
        {
            Refuse(row, Kind == ComplaintKind.InformasiAwal
                ? "the informasi awal fails no requirement: convert it to a temuan or close it"
                : "the complaint meets every requirement: a complete, timely report must be registered");
        }
        var next = this with { ClosingNote = reason };
        return Step(row, actor, at, reason, next, new ComplaintRejectedDomainEvent(Id, at, actor.Id, reason, Assessment.Errors));
    }

    /// <summary>Withdraws a laporan at its reporter's request, before registration (docs/domain.md: once registered it cannot be withdrawn).</summary>
    public ComplaintTransition Withdraw(string reason, Actor actor, DateTimeOffset at)
    {
        if (RegistrationNumber is not null)
        {
            throw new TransitionRefusedException(TransitionTable.Withdraw, State, RefusalKind.WrongState,
                $"complaint is {State.Name()} under {RegistrationNumber}: once registered a report cannot be withdrawn");
        }
        var row = Guard(TransitionTable.Withdraw, actor, at);
        if (Kind != ComplaintKind.Laporan)
        {
            Refuse(row, $"only a laporan is withdrawn, at its reporter's request; this is a {Kind.Name()}");
        }
        RequireText(row, reason, "a reason is required");
        var next = this with { ClosingNote = reason };
        return Step(row, actor, at, reason, next, new ComplaintWithdrawnDomainEvent(Id, at, actor.Id, reason));
    }

    /// <summary>Turns an informasi awal into a temuan: a supervisor takes it up with the finding's details, filed now.</summary>
    public ComplaintTransition ConvertToFinding(ComplaintDetails finding, Actor actor, DateTimeOffset at)
    {
        var row = Guard(TransitionTable.ConvertToFinding, actor, at);
        if (Kind != ComplaintKind.InformasiAwal)
        {
            Refuse(row, $"only an informasi awal becomes a temuan; this is a {Kind.Name()}");
        }
        var assessment = IntakeRules.Assess(ComplaintKind.Temuan, finding, Regime, at, !Assessment.OutsideElectionPeriod);
        var next = this with { Kind = ComplaintKind.Temuan, Details = finding, Assessment = assessment, FiledAt = at, ReceivedAt = at };
        return Step(row, actor, at, VerdictNote(assessment), next, new InformationConvertedToFindingDomainEvent(Id, at, actor.Id, assessment.Verdict));
    }

    // ---- review and decision ----

    public ComplaintTransition StartReview(Actor actor, DateTimeOffset at)
    {
        var row = Guard(TransitionTable.StartReview, actor, at);
        var due = ComplaintDeadlines.ReviewDueAt(this)!.Value;
        return Step(row, actor, at, null, this, new ReviewStartedDomainEvent(Id, at, actor.Id, due));
    }

    /// <summary>Uses the regime's one extension of the review, before the review deadline passes.</summary>
    public ComplaintTransition ExtendReview(string reason, Actor actor, DateTimeOffset at)
    {
        var row = Guard(TransitionTable.ExtendReview, actor, at);
        if (ReviewExtended)
        {
            Refuse(row, $"the one {ExtensionText(Regime)} extension was already used ({Regime.Regulation})");
        }
        RequireText(row, reason, "a reason is required (more information is needed)");
        var due = ComplaintDeadlines.ReviewDueAt(this)!.Value;
        if (at >= due)
        {
            Refuse(row, $"the review deadline passed at {IndonesianTime.Display(due)}; a missed deadline cannot be extended");
        }
        var next = this with { ReviewExtended = true };
        var newDue = ComplaintDeadlines.ReviewDueAt(next)!.Value;
        return Step(row, actor, at, reason, next, new ReviewExtendedDomainEvent(Id, at, actor.Id, reason, newDue));
    }

    /// <summary>Records the review's outcome with its reasoning; a decision after the deadline is recorded as late.</summary>
    /// <param name="violationType">For a violation, defaults to the type the complaint was filed under.</param>
    public ComplaintTransition Decide(DecisionOutcome outcome, string reasoning, Actor actor, DateTimeOffset at, int? violationType = null)
    {
        var row = Guard(TransitionTable.Decide, actor, at);
        RequireText(row, reasoning, "the reasoning is required");
        int? type = outcome switch
        {
            DecisionOutcome.Violation => violationType ?? Details.ViolationType,
            _ => violationType,
        };
        if (outcome == DecisionOutcome.NotViolation && type is not null)
        {
            Refuse(row, "a decision of not_violation carries no violation type");
        }
        if (type is { } number && ViolationCatalogue.Find(number) is null)
        {
            Refuse(row, $"violation type {number} is not in the catalogue (1-12, {ViolationCatalogue.Regulation})");
        }
        var late = at >= ComplaintDeadlines.ReviewDueAt(this)!.Value;
        var decision = new ComplaintDecision(outcome, reasoning, type, at, late);
        var note = $"{outcome.Name()}{(late ? " (late)" : "")}: {reasoning}";
        return Step(row, actor, at, note, this with { Decision = decision }, new ComplaintDecidedDomainEvent(Id, at, actor.Id, outcome, type, late));
    }

    // ---- recommendation, verification, sanction ----

    /// <summary>Sends Bawaslu's recommendation to BKN (docs/domain.md step 4).</summary>
    public ComplaintTransition IssueRecommendation(string reference, Actor actor, DateTimeOffset at)
    {
        var row = Guard(TransitionTable.IssueRecommendation, actor, at);
        var decision = Decision!;
        if (decision.Outcome == DecisionOutcome.NotViolation)
        {
            Refuse(row, "the decision was not_violation: there is nothing to recommend; close it");
        }
        if (decision.ViolationType is null)
        {
            Refuse(row, "the complaint was forwarded to Gakkumdu without a neutrality violation type: there is nothing to recommend to BKN");
        }
        RequireText(row, reference, "the recommendation's reference (letter number) is required");
        var next = this with { RecommendationReference = reference, RecommendedAt = at };
        return Step(row, actor, at, reference, next, new RecommendationIssuedDomainEvent(Id, at, actor.Id, reference, decision.ViolationType!.Value));
    }

    /// <summary>The Satgas confirmed the recommendation; BKN forwards it to the PPK, whose follow-up deadline starts.</summary>
    public ComplaintTransition ConfirmRecommendation(Actor actor, DateTimeOffset at, string? note = null)
    {
        var row = Guard(TransitionTable.ConfirmRecommendation, actor, at);
        return Step(row, actor, at, note, this with { VerifiedAt = at }, new RecommendationVerifiedDomainEvent(Id, at, actor.Id));
    }

    /// <summary>The Satgas did not confirm the recommendation: the case is closed with its reason.</summary>
    public ComplaintTransition DismissRecommendation(string reason, Actor actor, DateTimeOffset at)
    {
        var row = Guard(TransitionTable.DismissRecommendation, actor, at);
        RequireText(row, reason, "a reason is required");
        return Step(row, actor, at, reason, this with { ClosingNote = reason }, new RecommendationDismissedDomainEvent(Id, at, actor.Id, reason));
    }

    /// <summary>
    /// BKN's control action when the PPK has not acted by the follow-up deadline. The complaint stays
    /// verified (the PPK must still act), the level goes up, and the follow-up deadline starts again.
    /// </summary>
    public ComplaintTransition Escalate(Actor actor, DateTimeOffset at, string? note = null)
    {
        var row = Guard(TransitionTable.Escalate, actor, at);
        var due = ComplaintDeadlines.PpkFollowUpDueAt(this)!.Value;
        if (at < due)
        {
            Refuse(row, $"the PPK follow-up deadline falls due at {IndonesianTime.Display(due)}; escalation needs it missed");
        }
        var level = EscalationLevel + 1;
        var text = string.IsNullOrWhiteSpace(note) ? $"PPK did not act by {IndonesianTime.Display(due)}" : note;
        var next = this with { EscalationLevel = level, LastEscalatedAt = at };
        return Step(row, actor, at, text, next, new ComplaintEscalatedDomainEvent(Id, at, actor.Id, level, text));
    }

    /// <summary>
    /// Records the PPK's sanction: one discipline sanction of exactly the level the catalogue sets for the
    /// violation (SKB 2022 table; PP 94/2021 Pasal 8), with any moral sanctions (PP 42/2004) beside it.
    /// </summary>
    public ComplaintTransition ImposeSanction(
        string sanctionCode, string decreeReference, Actor actor, DateTimeOffset at, IReadOnlyList<string>? moralSanctionCodes = null)
    {
        var row = Guard(TransitionTable.ImposeSanction, actor, at);
        var violation = ViolationCatalogue.Find(Decision!.ViolationType!.Value)!;
        var sanction = SanctionCatalogue.Find(sanctionCode);
        if (sanction is null)
        {
            Refuse(row, $"unknown sanction {sanctionCode} (PP 94/2021 Pasal 8 catalogue)");
        }
        if (sanction!.Kind == SanctionKind.Moral)
        {
            Refuse(row, $"{sanctionCode} is a moral sanction; a discipline sanction of level {violation.Level.Name()} is required beside it");
        }
        if (sanction.Level != violation.Level)
        {
            var allowed = string.Join(", ", SanctionCatalogue.ForLevel(violation.Level).Select(s => s.Code));
            Refuse(row, $"{sanctionCode} is a {sanction.Level!.Value.Name()} sanction; violation {violation.Number} calls for {violation.Level.Name()} ({allowed})");
        }
        var moral = moralSanctionCodes ?? [];
        foreach (var code in moral)
        {
            if (SanctionCatalogue.Find(code) is not { Kind: SanctionKind.Moral })
            {
                Refuse(row, $"{code} is not a moral sanction (PP 42/2004)");
            }
        }
        RequireText(row, decreeReference, "the PPK's decree reference is required");
        var imposed = new ImposedSanction(sanctionCode, moral, decreeReference, at);
        return Step(row, actor, at, $"{sanctionCode} by {decreeReference}", this with { Sanction = imposed },
            new SanctionImposedDomainEvent(Id, at, actor.Id, sanctionCode, moral, decreeReference));
    }

    /// <summary>Closes a complaint: an informasi awal not taken up, a decision that leads to no recommendation, or a sanctioned case.</summary>
    public ComplaintTransition Close(string note, Actor actor, DateTimeOffset at)
    {
        var row = Guard(TransitionTable.Close, actor, at);
        if (State == LifecycleState.Received && Kind != ComplaintKind.InformasiAwal)
        {
            Refuse(row, $"a {Kind.Name()} is not closed from received: register, reject or withdraw it");
        }
        if (State == LifecycleState.Decided && Decision!.ViolationType is not null && Decision.Outcome != DecisionOutcome.NotViolation)
        {
            Refuse(row, $"the decision was {Decision.Outcome.Name()} with violation type {Decision.ViolationType}: issue the recommendation to BKN");
        }
        RequireText(row, note, "a note is required");
        return Step(row, actor, at, note, this with { ClosingNote = note }, new ComplaintClosedDomainEvent(Id, at, actor.Id, State, note));
    }

    // ---- plumbing ----

    private TransitionRule Guard(string action, Actor actor, DateTimeOffset at)
    {
        var rows = TransitionTable.For(action);
        var row = rows.FirstOrDefault(r => r.From == State);
        if (row is null)
        {
            var allowed = string.Join(" or ", rows.Select(r => r.From!.Value.Name()).Distinct());
            throw new TransitionRefusedException(action, State, RefusalKind.WrongState, $"complaint is {State.Name()}, not {allowed}");
        }
        if (!actor.Has(row.Role))
        {
            var scope = ScopeRegionCode(row.Scope);
            throw new TransitionRefusedException(action, State, RefusalKind.NotPermitted,
                $"requires role {row.Role} {(scope.Length == 0 ? "with national scope" : $"for region {scope}")}");
        }
        var last = History[^1].At;
        if (at < last)
        {
            Refuse(row, $"{at:O} is before the last recorded step ({last:O})");
        }
        return row;
    }

    private ComplaintTransition Step(TransitionRule row, Actor actor, DateTimeOffset at, string? note, ComplaintAggregate next, ComplaintDomainEvent @event) =>
        new(next with
        {
            State = row.To,
            History = [.. History, new HistoryEntry(State, row.To, row.Action, actor.Id, row.Role, at, note)],
        }, @event);

    private void Refuse(TransitionRule row, string rule) =>
        throw new TransitionRefusedException(row.Action, State, RefusalKind.RequirementUnmet, rule);

    private void RequireText(TransitionRule row, string? text, string rule)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            Refuse(row, rule);
        }
    }

    private static string VerdictNote(IntakeAssessment assessment)
    {
        var verdict = assessment.Verdict.ToString();
        var flag = assessment.OutsideElectionPeriod ? " [region not in its election period]" : "";
        return assessment.Failures.Count == 0 ? verdict + flag : $"{verdict}{flag}: {string.Join("; ", assessment.Errors)}";
    }

    private static string ExtensionText(ElectionRegime regime)
    {
        var days = regime.ExtendedReview.Days - regime.Review.Days;
        return regime.ExtendedReview.Unit == DayUnit.Calendar ? $"{days}-day" : $"{days}-working-day";
    }
}
