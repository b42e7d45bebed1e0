using Oversight.AppHost;

var builder = AppHostOptions.CreateBuilder(args)
    .UseServiceConventions();

// The servers, from Debian's packages, as executables DCP runs; their data and generated secrets stay in the state
// folder (.oversight/ by default). The ports are the ones the README's examples use.
var postgres = builder.AddPostgres("postgres", port: 15432);
var directoryDb = postgres.AddDatabase("directorydb");
var complaintsDb = postgres.AddDatabase("complaintsdb");
var notificationsDb = postgres.AddDatabase("notificationsdb");
var cache = builder.AddRedis("cache", port: 16379);
var messaging = builder.AddRabbitMQ("messaging", port: 15682, managementPort: 15683);

var regionDirectory = builder.AddProject<Projects.Oversight_RegionDirectory>("region-directory")
    .WithReference(directoryDb).WaitFor(directoryDb)
    .WithReference(cache).WaitFor(cache)
    // Waited for only so that its first health checks do not log a broker that is still starting; at run time the
    // directory serves look-ups without the broker, and its outbox catches up later.
    .WithReference(messaging).WaitFor(messaging)
    .WithBootstrapAdmin();

var complaints = builder.AddProject<Projects.Oversight_Complaints>("complaints")
    .WithReference(complaintsDb).WaitFor(complaintsDb)
    .WithReference(cache).WaitFor(cache)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(regionDirectory).WaitFor(regionDirectory)
    .WithReporterIdentityKey();

builder.AddProject<Projects.Oversight_Notifications>("notifications")
    .WithReference(notificationsDb).WaitFor(notificationsDb)
    .WithReference(cache).WaitFor(cache)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(regionDirectory).WaitFor(regionDirectory)
    .WithDirectoryClient(regionDirectory);

builder.AddProject<Projects.Oversight_Reporting>("reporting")
    .WithReference(cache).WaitFor(cache)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(regionDirectory).WaitFor(regionDirectory)
    // The complaints service's export stream, read only by a rebuild: a reference without waiting.
    .WithReference(complaints);

builder.Build().Run();
