namespace Oversight.Reporting.Model;

/// <summary>The read model's Redis keys, relative to the prefix and generation (see docs/reporting.md).</summary>
public static class ProjectionKeys
{
    /// <summary>Hash of counters of a region level: total, status:*, kind:*, type:*, sanction:*, day:*, decided.</summary>
    public static string Counters(string level) => "r:" + RegionHierarchy.KeyOf(level);

    /// <summary>Hash: accused agency → complaints, per region level.</summary>
    public static string Agencies(string level) => "a:" + RegionHierarchy.KeyOf(level);

    /// <summary>Sorted set: complaint id scored by the due time (unix seconds) of its open deadline.</summary>
    public static string OpenDeadlines(string level) => "due:" + RegionHierarchy.KeyOf(level);

    /// <summary>Sorted set: complaint id scored by seconds from receipt to decision.</summary>
    public static string DecisionTimes(string level) => "dur:" + RegionHierarchy.KeyOf(level);

    /// <summary>Set of the child region codes that ever had a complaint.</summary>
    public static string Children(string level) => "kids:" + RegionHierarchy.KeyOf(level);

    /// <summary>Hash of one complaint: version, contribution (its entries), state (JSON snapshot).</summary>
    public static string Complaint(Guid complaintId) => "c:" + complaintId.ToString("N");

    public const string Total = "total";
    public const string Decided = "decided";
    public const string StatusPrefix = "status:";
    public const string KindPrefix = "kind:";
    public const string TypePrefix = "type:";
    public const string SanctionPrefix = "sanction:";
    public const string DayPrefix = "day:";
}
