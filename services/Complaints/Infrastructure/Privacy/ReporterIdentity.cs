using System.Diagnostics;
using System.Text;

namespace Oversight.Complaints.Infrastructure.Privacy;

/// <summary>
/// Who made a report: personal data, stored only sealed by <see cref="ReporterIdentityProtector"/>, never put in an
/// event, a log line or a trace attribute, and shown only to a reviewer of the handling region (each read audited).
/// Printing it (a log argument, string interpolation, the debugger) shows <c>ReporterIdentity(redacted)</c>, never a field;
/// for display use <see cref="PersonalDataMask"/>.
/// </summary>
/// <param name="Name">Full name.</param>
/// <param name="Nik">The 16-digit national identity number (NIK), when given.</param>
/// <param name="Address">Postal address, when given.</param>
/// <param name="Phone">Phone number, when given.</param>
/// <param name="Email">Email address, when given.</param>
/// <param name="AgreedToNotifications">Whether the reporter agreed to be told of progress by phone or email.</param>
[DebuggerDisplay("ReporterIdentity(redacted)")]
public sealed record ReporterIdentity(
    string Name,
    string? Nik,
    string? Address,
    string? Phone,
    string? Email,
    bool AgreedToNotifications)
{
    /// <summary>The text every accidental print shows.</summary>
    public const string Redacted = "ReporterIdentity(redacted)";

    /// <summary>Language of the status e-mails (<c>id</c> or <c>en</c>); null for the default. Absent from identities sealed before it existed.</summary>
    public string? Language { get; init; }

    public override string ToString() => Redacted;

    // The compiler's record printing would list every field; nothing calls it once ToString is ours, but keep it empty.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("redacted");
        return true;
    }
}
