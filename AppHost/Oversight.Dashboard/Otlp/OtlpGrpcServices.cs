using Grpc.Core;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace Oversight.Dashboard.Otlp;

/// <summary>OTLP/gRPC <c>opentelemetry.proto.collector.trace.v1.TraceService/Export</c>.</summary>
internal sealed class OtlpTraceGrpcService(OtlpConverter converter) : TraceService.TraceServiceBase
{
    public override Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context) =>
        Task.FromResult(OtlpResponses.Traces(converter.StoreTraces(request)));
}

/// <summary>OTLP/gRPC <c>opentelemetry.proto.collector.metrics.v1.MetricsService/Export</c>.</summary>
internal sealed class OtlpMetricsGrpcService(OtlpConverter converter) : MetricsService.MetricsServiceBase
{
    public override Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context) =>
        Task.FromResult(OtlpResponses.Metrics(converter.StoreMetrics(request)));
}

/// <summary>OTLP/gRPC <c>opentelemetry.proto.collector.logs.v1.LogsService/Export</c>.</summary>
internal sealed class OtlpLogsGrpcService(OtlpConverter converter) : LogsService.LogsServiceBase
{
    public override Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context) =>
        Task.FromResult(OtlpResponses.Logs(converter.StoreLogs(request)));
}

/// <summary>The OTLP answers: empty when everything was taken, a partial success naming the count otherwise.</summary>
internal static class OtlpResponses
{
    private const string LimitMessage = "the dashboard's telemetry store is at its resource limit";

    public static ExportTraceServiceResponse Traces(long rejected) => rejected == 0 ? new() :
        new() { PartialSuccess = new ExportTracePartialSuccess { RejectedSpans = rejected, ErrorMessage = "spans rejected: invalid ids or " + LimitMessage } };

    public static ExportMetricsServiceResponse Metrics(long rejected) => rejected == 0 ? new() :
        new() { PartialSuccess = new ExportMetricsPartialSuccess { RejectedDataPoints = rejected, ErrorMessage = "data points rejected: " + LimitMessage } };

    public static ExportLogsServiceResponse Logs(long rejected) => rejected == 0 ? new() :
        new() { PartialSuccess = new ExportLogsPartialSuccess { RejectedLogRecords = rejected, ErrorMessage = "log records rejected: " + LimitMessage } };
}
