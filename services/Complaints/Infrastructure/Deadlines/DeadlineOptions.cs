namespace Oversight.Complaints.Infrastructure.Deadlines;

/// <summary>Configuration section <c>Complaints:Deadlines</c>.</summary>
public sealed class DeadlineOptions
{
    public const string Section = "Complaints:Deadlines";

    /// <summary>How often the scheduler looks for deadlines to announce (default 10 s): the events' lateness bound.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);
}
