using Oversight.RegionDirectory.Extensions;
using Oversight.RegionDirectory.Grpc;
using Oversight.RegionDirectory.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGrpcService<RegionDirectoryService>();

if (!await app.Services.ApplyDatabaseSchemaAsync(typeof(Program).Assembly, RegionSeed.ApplyAsync))
{
    return 1;
}

await app.RunAsync();
return 0;
