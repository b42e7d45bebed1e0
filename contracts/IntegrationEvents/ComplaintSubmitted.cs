namespace Oversight.Contracts.IntegrationEvents;

/// <summary>A complaint was accepted and stored by the complaints service; carries no reporter identity.</summary>
public sealed record ComplaintSubmitted : IntegrationEvent
{
    /// <summary>Id of the stored complaint.</summary>
    public required Guid ComplaintId { get; init; }

    /// <summary>Violation type number from the SKB 2022 catalogue (1-12).</summary>
    public required int ViolationType { get; init; }

    /// <summary>The office that handles it, as routed by the region directory.</summary>
    public required string HandlingOffice { get; init; }
}
