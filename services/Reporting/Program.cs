using Oversight.Reporting.Apis;
using Oversight.Reporting.Extensions;
using Oversight.Reporting.Grpc;
using Oversight.Reporting.SituationRoom;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapGrpcService<ReportingService>();
app.MapCsvExports();
app.MapOpenData();
app.MapSituationRoom();

await app.RunAsync();
