namespace Oversight.ServiceDefaults.Limits;

/// <summary>
/// The request limits every Oversight server enforces (configuration section <c>Limits</c>, e.g. <c>Limits__MaxRequestBodyBytes</c>).
/// Defaults are generous for honest office clients and small enough that one hostile request cannot exhaust memory or a worker.
/// </summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Largest HTTP request body (REST, JSON transcoding); larger answers 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest gRPC message received; larger answers ResourceExhausted.</summary>
    public int MaxReceiveMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest gRPC message sent (a page of 500 complaints fits well under it); larger answers ResourceExhausted.</summary>
    public int MaxSendMessageBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Total size of a request's headers; larger answers 431.</summary>
    public int MaxRequestHeadersTotalBytes { get; set; } = 32 * 1024;

    /// <summary>Number of request headers; more answers 431.</summary>
    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>
    /// The deadline a unary call gets when the client set none or a later one: no request holds a worker and a
    /// database connection longer than this. Streaming calls (the export) keep the client's deadline.
    /// </summary>
    public TimeSpan UnaryCallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Deepest nesting of a JSON request body (objects and arrays); deeper answers 400 before any parsing into messages.</summary>
    public int MaxJsonDepth { get; set; } = 32;
}
