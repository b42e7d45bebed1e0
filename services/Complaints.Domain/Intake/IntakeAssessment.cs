namespace Oversight.Complaints.Domain.Intake;

/// <summary>Formal (who, whom, when filed, signature) or material (what, when, where, evidence), as docs/domain.md splits them.</summary>
public enum RequirementCategory
{
    Formal,
    Material,
}

/// <summary>One requirement a complaint fails.</summary>
/// <param name="Field">The field, as the API names it (<c>reporter.nik</c>, <c>evidence[0].url</c>).</param>
/// <param name="Rule">What the field must satisfy, in words.</param>
/// <param name="Curable">
/// Whether the reporter can fix it by completing the complaint. Missing or wrong information can be
/// supplied; a filing window that has passed cannot be undone.
/// </param>
public sealed record RequirementFailure(string Field, string Rule, RequirementCategory Category, bool Curable)
{
    /// <summary><c>field: rule</c>, like the code base's InvalidArgument messages.</summary>
    public override string ToString() => $"{Field}: {Rule}";
}

/// <summary>What the desk may do with a complaint after the requirement checks.</summary>
public enum IntakeVerdict
{
    /// <summary>Every requirement is met: register it.</summary>
    Registrable,

    /// <summary>Something is missing or wrong that the reporter can supply: ask for completion.</summary>
    NeedsCompletion,

    /// <summary>A requirement fails that cannot be cured (the filing window passed): not registered.</summary>
    Refused,

    /// <summary>Informasi awal: logged, never registered; it may become a temuan.</summary>
    Logged,
}

/// <summary>The result of the formal and material requirement checks of one complaint.</summary>
public sealed record IntakeAssessment(
    ComplaintKind Kind,
    IReadOnlyList<RequirementFailure> Failures,
    bool OutsideElectionPeriod)
{
    public IntakeVerdict Verdict =>
        Failures.Any(f => !f.Curable) ? IntakeVerdict.Refused
        : Kind == ComplaintKind.InformasiAwal ? IntakeVerdict.Logged
        : Failures.Count == 0 ? IntakeVerdict.Registrable
        : IntakeVerdict.NeedsCompletion;

    /// <summary>Every failure as <c>field: rule</c>, formal ones first.</summary>
    public IReadOnlyList<string> Errors => [.. Failures.Select(f => f.ToString())];
}
