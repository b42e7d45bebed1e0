using Oversight.AppHost;
using Oversight.Hosting;

var builder = AppHostCommandLine.CreateBuilder(args);
if (builder is null) return 2;

// The AppHost's own OTLP receiver: every service sends its logs, traces and metrics here (unless
// OTEL_EXPORTER_OTLP_ENDPOINT names another collector), and its pages on 18888: the AppHost prints the
// sign-in URL (/login?t=...) after the status table (--dashboard-unsecured: no sign-in).
builder.AddDashboard();

var postgres = builder.AddPostgres("postgres");
var directoryDb = postgres.AddDatabase("directorydb");
var complaintsDb = postgres.AddDatabase("complaintsdb");
var notificationsDb = postgres.AddDatabase("notificationsdb");
var cache = builder.AddRedis("cache");
var messaging = builder.AddRabbitMQ("messaging");

var regionDirectory = builder.AddProject("region-directory", "services/RegionDirectory/Oversight.RegionDirectory.csproj")
    .WithReference(directoryDb).WaitFor(directoryDb)
    .WithReference(cache).WaitFor(cache)
    // Waited for only so that its first health checks do not log a broker that is still starting; at run
    // time the directory serves look-ups without the broker, and its outbox catches up later.
    .WithReference(messaging).WaitFor(messaging);

var bootstrapAdminMessage = regionDirectory.WithBootstrapAdmin();

var complaints = builder.AddProject("complaints", "services/Complaints/Oversight.Complaints.csproj")
    .WithReference(complaintsDb).WaitFor(complaintsDb)
    .WithReference(cache).WaitFor(cache)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(regionDirectory).WaitFor(regionDirectory)
    .WithReporterIdentityKey();

builder.AddProject("notifications", "services/Notifications/Oversight.Notifications.csproj")
    .WithReference(notificationsDb).WaitFor(notificationsDb)
    .WithReference(cache).WaitFor(cache)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(regionDirectory).WaitFor(regionDirectory)
    .WithDirectoryClient(regionDirectory);

builder.AddProject("reporting", "services/Reporting/Oversight.Reporting.csproj")
    .WithReference(cache).WaitFor(cache)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(regionDirectory).WaitFor(regionDirectory)
    // The complaints service's export stream, read only by a rebuild: a reference without waiting.
    .WithReference(complaints);

await using var app = builder.Build();
return await app.RunAsync(bootstrapAdminMessage);
