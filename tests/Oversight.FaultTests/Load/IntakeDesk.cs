using Grpc.Core;

namespace Oversight.FaultTests.Load;

/// <summary>An intake office's desk: the region it files for and its token as gRPC headers.</summary>
public sealed record IntakeDesk(string RegionCode, Metadata Headers);
