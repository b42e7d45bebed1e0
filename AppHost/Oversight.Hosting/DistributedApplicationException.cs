namespace Oversight.Hosting;

/// <summary>A resource could not be started or configured; the message says why and what to do.</summary>
public sealed class DistributedApplicationException(string message) : Exception(message);
