using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.OfficeCredentials;
using Oversight.Testing;

namespace Oversight.IntegrationTests.Reports;

/// <summary>The situation room's browser and access classes, on one campaign: the access tests read no figures.</summary>
[CollectionDefinition(Name)]
public sealed class SituationRoomCollection : ICollectionFixture<SituationRoomFixture>
{
    public const string Name = "SituationRoom";
}

/// <summary>
/// The directory and reporting with the scripted campaign applied (as <see cref="ReportingSystemFixture"/>), plus what
/// the situation-room tests add: office clients to sign in with, and one more complaint published on demand.
/// </summary>
public sealed class SituationRoomFixture(TestServers servers) : ReportingSystemFixture(servers, shuffled: false)
{
    /// <summary>The reporting service's HTTP/1.1 endpoint, where the page is served.</summary>
    public Uri ReportingHttp => System.Project(TestSystem.Reporting).Endpoint("http");

    /// <summary>Registers an office client with the roles and scope; returns its id and secret.</summary>
    public async Task<(string ClientId, string Secret)> RegisterClientAsync(string regionScope, params string[] roles)
    {
        var credentials = new OfficeCredentials.OfficeCredentialsClient(System.Channel(TestSystem.RegionDirectory));
        var request = new RegisterClientRequest { DisplayName = $"Situation room {string.Join("+", roles)} {regionScope}", RegionCode = regionScope };
        request.Roles.AddRange(roles);
        var reply = await credentials.RegisterClientAsync(request, await System.AdminHeadersAsync());
        return (reply.Client.ClientId, reply.ClientSecret);
    }

    /// <summary>Publishes a new complaint, received now, registered and already past its review deadline, in the region.</summary>
    public async Task<Guid> PublishNewOverdueComplaintAsync(string region)
    {
        var id = Guid.NewGuid();
        var state = new ComplaintState
        {
            Version = 1, Status = "registered", Kind = "laporan", RegionCode = region, ViolationType = 6, AccusedAgency = "Dinas Sosial",
            ReceivedAt = DateTimeOffset.UtcNow, HandlingRegionCode = region,
            OpenDeadline = new("review", "bawaslu", ComplaintScript.Past), RegistrationNumber = $"{region}/LP/2024/live",
        };
        await PublishAsync([new ComplaintSubmitted
        {
            ComplaintId = id, RegionCode = region, State = state, ViolationType = 6, HandlingOffice = "Bawaslu " + region,
            Kind = state.Kind, Status = state.Status, ReceivedAt = state.ReceivedAt, AccusedAgency = state.AccusedAgency,
            RegistrationNumber = state.RegistrationNumber,
        }]);
        return id;
    }
}
