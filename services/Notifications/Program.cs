using Oversight.Notifications.Extensions;
using Oversight.Notifications.Infrastructure.Email;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapApplicationEndpoints();

if (!await app.Services.MigrateDatabaseAsync(typeof(Program).Assembly))
{
    return 1;
}

// Said once at start, so a developer knows where the mail went.
if (app.Services.GetRequiredService<IEmailTransport>() is PickupDirectoryTransport pickup)
{
    app.Logger.LogInformation("No SMTP host configured: e-mails are written as .eml files to {PickupDirectory}", pickup.Directory);
}

await app.RunAsync();
return 0;
