namespace Oversight.Contracts.IntegrationEvents;

/// <summary>A complaint received its registration number; from now on it cannot be withdrawn.</summary>
public sealed record ComplaintRegistered : ComplaintChange
{
    /// <summary><c>{office}/{LP|TM}/{year}/{sequence}</c>, e.g. <c>52.71/LP/2026/0001</c>.</summary>
    public required string RegistrationNumber { get; init; }

    /// <summary>When it was registered.</summary>
    public required DateTimeOffset RegisteredAt { get; init; }
}
