using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Microsoft.Extensions.Hosting;

/// <summary>The activity source and meter the Oversight services write their own spans and instruments to.</summary>
public static class OversightTelemetry
{
    /// <summary>Name of the shared activity source.</summary>
    public const string ActivitySourceName = "Oversight";

    /// <summary>Name of the shared meter.</summary>
    public const string MeterName = "Oversight";

    /// <summary>The shared activity source.</summary>
    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    /// <summary>The shared meter.</summary>
    public static readonly Meter Meter = new(MeterName);
}
