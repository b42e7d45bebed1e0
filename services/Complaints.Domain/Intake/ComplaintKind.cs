namespace Oversight.Complaints.Domain.Intake;

/// <summary>How a complaint came in (docs/domain.md "How a complaint is handled", step 1).</summary>
public enum ComplaintKind
{
    /// <summary>A report by a voter of the region, an accredited monitor or a participant; identity required.</summary>
    Laporan,

    /// <summary>A finding by Bawaslu's own supervisors.</summary>
    Temuan,

    /// <summary>An anonymous tip: logged, never registered as a laporan; may be turned into a temuan.</summary>
    InformasiAwal,
}

/// <summary>Who files a laporan, or who made a temuan.</summary>
public enum ReporterCategory
{
    Voter,
    AccreditedMonitor,
    Participant,

    /// <summary>A Bawaslu supervisor: the author of a temuan.</summary>
    Supervisor,
}

public static class ComplaintKinds
{
    /// <summary>The wire name: laporan, temuan, informasi_awal.</summary>
    public static string Name(this ComplaintKind kind) => kind switch
    {
        ComplaintKind.Laporan => "laporan",
        ComplaintKind.Temuan => "temuan",
        ComplaintKind.InformasiAwal => "informasi_awal",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The wire name: voter, accredited_monitor, participant, supervisor.</summary>
    public static string Name(this ReporterCategory category) => category switch
    {
        ReporterCategory.Voter => "voter",
        ReporterCategory.AccreditedMonitor => "accredited_monitor",
        ReporterCategory.Participant => "participant",
        ReporterCategory.Supervisor => "supervisor",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };
}
