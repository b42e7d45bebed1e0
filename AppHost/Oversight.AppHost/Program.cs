using Oversight.AppHost;
using Oversight.AppHost.Commands;

var builder = AppHostOptions.CreateBuilder(args)
    .UseServiceConventions();

// The servers, from Debian's packages, as executables DCP runs; their data and generated secrets stay in the state
// folder (.oversight/ by default). The ports are the ones the README's examples use.
var postgres = builder.AddPostgres("postgres", port: 15432);
var directoryDb = postgres.AddDatabase("directorydb");
var complaintsDb = postgres.AddDatabase("complaintsdb");
var notificationsDb = postgres.AddDatabase("notificationsdb");
var cache = builder.AddRedis("cache", port: 16379);
var messaging = builder.AddRabbitMQ("messaging", port: 15682, managementPort: 15683)
    .WithIntegratorUser()
    .WithEndpointLink("management", "RabbitMQ management");

var regionDirectory = builder.AddProject<Projects.Oversight_RegionDirectory>("region-directory")
    .WithServiceHealthCheck()
    .WithReference(directoryDb).WaitFor(directoryDb)
    .WithReference(cache).WaitFor(cache)
    // Waited for only so that its first health checks do not log a broker that is still starting; at run time the
    // directory serves look-ups without the broker, and its outbox catches up later.
    .WithReference(messaging).WaitFor(messaging)
    .WithBootstrapAdmin()
    .WithPage("/v1/regions", "Provinces (REST)")
    .WithPage("/v1/elections/pilkada-2024/calendar", "Election calendar (REST)")
    .WithAdminCommands(AdminCommand.ImportRegionList, AdminCommand.ShowOutboxBacklog);

var complaints = builder.AddProject<Projects.Oversight_Complaints>("complaints")
    .WithServiceHealthCheck()
    .WithReference(complaintsDb).WaitFor(complaintsDb)
    .WithReference(cache).WaitFor(cache)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(regionDirectory).WaitFor(regionDirectory)
    .WithReporterIdentityKey()
    .WithAdminCommands(AdminCommand.ShowOutboxBacklog);

builder.AddProject<Projects.Oversight_Notifications>("notifications")
    .WithServiceHealthCheck()
    .WithReference(notificationsDb).WaitFor(notificationsDb)
    .WithReference(cache).WaitFor(cache)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(regionDirectory).WaitFor(regionDirectory)
    .WithDirectoryClient(regionDirectory);

builder.AddProject<Projects.Oversight_Reporting>("reporting")
    .WithServiceHealthCheck()
    .WithReference(cache).WaitFor(cache)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(regionDirectory).WaitFor(regionDirectory)
    // The complaints service's export stream, read only by a rebuild: a reference without waiting.
    .WithReference(complaints)
    .WithPage("/situation-room", "Situation room")
    .WithPage("/v1/open-data/counts", "Open data counts (REST)")
    .WithAdminCommands(AdminCommand.RebuildReporting);

// --site: a province's own servers and complaints service, forwarding its events to this broker.
builder.AddRegionalSites(messaging, regionDirectory, complaints);

// --replicas: how many instances of each service, once every service is declared.
builder.ApplyServiceReplicas().Build().Run();
