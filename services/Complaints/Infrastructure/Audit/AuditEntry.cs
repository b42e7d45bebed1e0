namespace Oversight.Complaints.Infrastructure.Audit;

/// <summary>
/// One thing to record about a complaint. <paramref name="Details"/> says what exactly (e.g. <c>from</c>/<c>to</c> of a status
/// change, the fields read) and must never hold the reporter's personal data: names of fields, never their values.
/// </summary>
/// <param name="ComplaintId">The complaint concerned.</param>
/// <param name="Action">A dotted lower-case name (<see cref="AuditActions"/>).</param>
/// <param name="Actor">Who, and from where.</param>
/// <param name="Details">What exactly; stored as a JSON object of strings.</param>
public sealed record AuditEntry(
    Guid ComplaintId,
    string Action,
    AuditActor Actor,
    IReadOnlyDictionary<string, string>? Details = null);

/// <summary>An audit entry as stored: its id (the order of the trail) and time.</summary>
public sealed record AuditRecord(
    long Id,
    Guid ComplaintId,
    DateTimeOffset At,
    string Action,
    AuditActor Actor,
    IReadOnlyDictionary<string, string> Details);
