using Oversight.RegionDirectory.Credentials;
using Oversight.RegionDirectory.Extensions;
using Oversight.RegionDirectory.Infrastructure;
using Oversight.RegionDirectory.Infrastructure.Offices;

// "import-regions ..." runs the import with the service's configuration and exits.
var importing = args.FirstOrDefault() == RegionImportCommand.Name;
var builder = WebApplication.CreateBuilder(importing ? [] : args);

builder.AddServiceDefaults();
if (importing)
{
    // The command prints its own summary; the service's Information lines (connections, SQL) would bury it.
    builder.Logging.AddFilter((_, level) => level >= LogLevel.Warning);
}
try
{
    builder.AddApplicationServices(commandLine: importing);
}
catch (InvalidOperationException missingSetting) when (importing)
{
    // A person at a terminal: the missing setting in one line, not a stack trace.
    Console.Error.WriteLine(missingSetting.Message);
    return 2;
}

var app = builder.Build();

app.MapApplicationEndpoints();

if (!await app.Services.MigrateDatabaseAsync(typeof(Program).Assembly, DirectorySeed.ApplyAsync))
{
    return 1;
}

if (importing)
{
    return await RegionImportCommand.RunAsync(app.Services, args);
}

if (!await app.Services.PrepareCredentialsAsync())
{
    return 1;
}

// The notifications service's own client (national scope, integrator role: it asks the routing whom to tell),
// registered when absent from RegionDirectory:NotificationsClient, like the bootstrap admin (the AppHost sets both).
if (app.Configuration["RegionDirectory:NotificationsClient:ClientId"] is { Length: > 0 } notificationsClientId
    && app.Configuration["RegionDirectory:NotificationsClient:Secret"] is { Length: >= 16 } notificationsClientSecret)
{
    await app.Services.GetRequiredService<OfficeClientStore>().AddAsync(notificationsClientId, "Notifications service",
        Oversight.Security.Authentication.RegionScope.National, officeId: null,
        [Oversight.Security.Authentication.OfficeRoles.Integrator],
        Oversight.Security.Credentials.SecretHasher.Hash(notificationsClientSecret), CancellationToken.None);
}

await app.RunAsync();
return 0;
