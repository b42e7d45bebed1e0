using Oversight.Reporting.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapApplicationEndpoints();

await app.RunAsync();
