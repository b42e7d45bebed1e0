namespace Oversight.Contracts.PrivateMessages;

/// <summary>
/// Tells the notifications service to e-mail a reporter that their laporan changed status. Written by the complaints
/// service, in the transaction of the change, only when the reporter gave an e-mail address and agreed to be told.
/// <para>
/// Private: it carries a personal address, so it is deliberately NOT an integration event (no base type, so MassTransit
/// binds it to no shared exchange), travels on its own exchange <see cref="ExchangeName"/> outside the integration
/// namespace, is not offered to webhook subscriptions, and is read by the notifications service alone. It carries
/// only what the e-mail needs: no name, NIK, phone or postal address.
/// </para>
/// </summary>
public sealed record ReporterStatusNotice
{
    /// <summary>The RabbitMQ exchange (fanout) of this message; integrators get no permission on <c>oversight.private.*</c>.</summary>
    public const string ExchangeName = "oversight.private.reporter-status-notice";

    /// <summary>Unique id of this notice; the notifications service sends one e-mail per id.</summary>
    public Guid EventId { get; init; } = Guid.NewGuid();

    /// <summary>When the status changed.</summary>
    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The complaint (public; lets the delivery log answer "was the reporter told?" per complaint).</summary>
    public required Guid ComplaintId { get; init; }

    /// <summary>Region where it happened (public; scopes who may read the delivery log).</summary>
    public required string RegionCode { get; init; }

    /// <summary>The reporter's e-mail address: personal data, never logged, masked wherever it is shown.</summary>
    public required string Email { get; init; }

    /// <summary>The reporter's tracking code in its display form (<c>K7M2-Q9XD4P</c>); the PIN is never sent.</summary>
    public required string TrackingCode { get; init; }

    /// <summary><c>id</c> or <c>en</c>, as the reporter asked at intake; empty for the service's default.</summary>
    public string Language { get; init; } = "";

    /// <summary>The complaint's public status after the change (as in the events' <c>state.status</c>).</summary>
    public required string Status { get; init; }

    /// <summary>What happened: the integration event's type (<c>ComplaintDecided</c>), or the step of a <c>ComplaintStatusChanged</c> (<c>review_started</c>).</summary>
    public required string Step { get; init; }

    /// <summary>Once registered; null before.</summary>
    public string? RegistrationNumber { get; init; }

    /// <summary>The public part of a decision: <c>violation</c>, <c>not_violation</c> or <c>forwarded_gakkumdu</c>; null before.</summary>
    public string? Outcome { get; init; }

    /// <summary>The level of an imposed sanction (<c>light</c> ... <c>dismissal</c>); null before.</summary>
    public string? SanctionLevel { get; init; }
}
