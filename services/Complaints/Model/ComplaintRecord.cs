namespace Oversight.Complaints.Model;

public sealed class ComplaintRecord
{
    public const string Received = "received";

    public required Guid Id { get; init; }
    public required string RegionCode { get; init; }
    public required int ViolationType { get; init; }
    public required string Description { get; init; }
    public required string HandlingOffice { get; init; }
    public required string Status { get; init; }

    /// <summary>UTC; Npgsql reads timestamptz as a UTC DateTime.</summary>
    public required DateTime ReceivedAt { get; init; }
}
