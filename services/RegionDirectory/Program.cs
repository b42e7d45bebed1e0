using Oversight.RegionDirectory.Extensions;
using Oversight.RegionDirectory.Infrastructure;
using Oversight.RegionDirectory.Infrastructure.Offices;
using Oversight.RegionDirectory.Infrastructure.Credentials;
using Oversight.RegionDirectory.Infrastructure.Sites;

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
    if (DirectoryCopyOptions.IsCopyIn(app.Configuration))
    {
        Console.Error.WriteLine($"{RegionImportCommand.Name}: this directory is a regional site's read-only copy; import at the national centre, whose snapshot brings the regions here.");
        return 2;
    }
    return await RegionImportCommand.RunAsync(app.Services, args);
}

if (!await app.Services.PrepareCredentialsAsync())
{
    return 1;
}

await app.RunAsync();
return 0;
