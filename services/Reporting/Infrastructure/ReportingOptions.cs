namespace Oversight.Reporting.Infrastructure;

public sealed class ReportingOptions
{
    public const string Section = "Reporting";

    /// <summary>Prefix of every Redis key this service writes; tests set their own to stay isolated.</summary>
    public string KeyPrefix { get; set; } = "oversight:reporting:";
}
