using Grpc.Core;
using Oversight.IntegrationTests.Complaints;
using Oversight.Testing;

namespace Oversight.IntegrationTests.EndToEnd;

/// <summary>An intake desk for a region, registered by the bootstrap admin, and its token as gRPC headers.</summary>
internal static class IntakeOfficerTokens
{
    public static Task<Metadata> IntakeOfficerHeadersAsync(this TestSystem system, string regionCode) =>
        system.OfficeHeadersAsync("intake_officer", regionCode);
}
