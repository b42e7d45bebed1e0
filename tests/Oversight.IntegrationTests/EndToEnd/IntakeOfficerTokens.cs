using Grpc.Core;
using Oversight.Contracts.OfficeCredentials;
using Oversight.Testing;

namespace Oversight.IntegrationTests.EndToEnd;

/// <summary>An intake desk for a region, registered by the bootstrap admin, and its token as gRPC headers.</summary>
internal static class IntakeOfficerTokens
{
    public static async Task<Metadata> IntakeOfficerHeadersAsync(this TestSystem system, string regionCode)
    {
        var credentials = new OfficeCredentials.OfficeCredentialsClient(system.Channel(TestSystem.RegionDirectory));
        var desk = await credentials.RegisterClientAsync(new RegisterClientRequest
        {
            DisplayName = $"Intake desk {regionCode}",
            RegionCode = regionCode,
            Roles = { "intake_officer" },
        }, await system.AdminHeadersAsync());
        return TestSystem.Bearer(await system.TokenAsync(desk.Client.ClientId, desk.ClientSecret));
    }
}
