using Oversight.Reporting.Extensions;
using Oversight.Reporting.Grpc;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGrpcService<ReportingService>();

await app.RunAsync();
