using Grpc.Core;
using Oversight.Contracts.OfficeCredentials;
using Oversight.Testing;

namespace Oversight.IntegrationTests.Reports;

/// <summary>A reviewer's office client for a region scope, registered by the bootstrap admin, and its token.</summary>
internal static class ReportingTokens
{
    public static async Task<string> ReviewerTokenAsync(this TestSystem system, string regionScope)
    {
        var credentials = new OfficeCredentials.OfficeCredentialsClient(system.Channel(TestSystem.RegionDirectory));
        var client = await credentials.RegisterClientAsync(new RegisterClientRequest
        {
            DisplayName = $"Reports {RegionScopeName(regionScope)}",
            RegionCode = regionScope,
            Roles = { "reviewer" },
        }, await system.AdminHeadersAsync());
        return await system.TokenAsync(client.Client.ClientId, client.ClientSecret);
    }

    public static async Task<Metadata> ReviewerHeadersAsync(this TestSystem system, string regionScope) =>
        TestSystem.Bearer(await system.ReviewerTokenAsync(regionScope));

    private static string RegionScopeName(string scope) => scope.Length == 0 ? "national" : scope;
}
