using Oversight.Complaints.Extensions;
using Oversight.Complaints.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapApplicationEndpoints();

if (!await app.Services.MigrateDatabaseAsync(typeof(Program).Assembly))
{
    return 1;
}

await app.RunAsync();
return 0;
