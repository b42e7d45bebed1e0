using Oversight.RegionDirectory.Credentials;
using Oversight.RegionDirectory.Extensions;
using Oversight.RegionDirectory.Grpc;
using Oversight.RegionDirectory.Infrastructure;
using Oversight.RegionDirectory.Infrastructure.Offices;

// "import-regions ..." runs the import with the service's configuration and exits.
var importing = args.FirstOrDefault() == RegionImportCommand.Name;
var builder = WebApplication.CreateBuilder(importing ? [] : args);

builder.AddServiceDefaults();
builder.AddApplicationServices(commandLine: importing);

var app = builder.Build();

app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapGrpcService<RegionDirectoryService>();
app.MapGrpcService<OfficeCredentialsService>();
app.MapOfficeTokenEndpoints();

if (!await app.Services.ApplyDatabaseSchemaAsync(typeof(Program).Assembly, DirectorySeed.ApplyAsync))
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

await app.RunAsync();
return 0;
