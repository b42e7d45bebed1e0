using Oversight.Notifications.Extensions;
using Oversight.Notifications.Grpc;
using Oversight.Notifications.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGrpcService<NotificationsService>();

if (!await app.Services.ApplyDatabaseSchemaAsync(typeof(Program).Assembly))
{
    return 1;
}

await app.RunAsync();
return 0;
