namespace Oversight.Complaints.Model;

/// <summary>The status names this service stores and answers.</summary>
public static class ComplaintStatuses
{
    public const string Registered = "registered";
    public const string NeedsCompletion = "needs_completion";

    /// <summary>An informasi awal, taken in (the domain's <c>received</c> state for that kind); never registered.</summary>
    public const string Logged = "logged";
}
