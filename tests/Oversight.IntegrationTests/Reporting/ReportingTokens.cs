using Grpc.Core;
using Oversight.IntegrationTests.Complaints;
using Oversight.Testing;

namespace Oversight.IntegrationTests.Reports;

/// <summary>A reviewer's office client for a region scope ("" = national), registered by the bootstrap admin, and its token.</summary>
internal static class ReportingTokens
{
    public static Task<string> ReviewerTokenAsync(this TestSystem system, string regionScope) =>
        system.OfficeTokenAsync("reviewer", regionScope);

    public static Task<Metadata> ReviewerHeadersAsync(this TestSystem system, string regionScope) =>
        system.OfficeHeadersAsync("reviewer", regionScope);
}
