namespace Oversight.LoadGen.Target;

/// <summary>
/// One Bawaslu office under load: its region, and its own office client (intake officer and reviewer of that
/// region), so the per-client intake rate limit applies per office as it would on election day.
/// </summary>
public sealed record OfficeDesk(string RegionCode, string OfficeId, TokenSource Token);
