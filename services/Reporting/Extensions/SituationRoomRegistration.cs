using Microsoft.AspNetCore.Authentication.JwtBearer;
using Oversight.Reporting.Apis.SituationRoom;
using Oversight.Reporting.Infrastructure.SituationRoom;

namespace Oversight.Reporting.Extensions;

public static class SituationRoomRegistration
{
    /// <summary>The sign-in exchange with the directory, and JwtBearer reading the sign-in cookie on the page's API paths.</summary>
    public static void AddSituationRoom(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(DirectorySignIn.ClientName, http => http.BaseAddress = DirectorySignIn.DirectoryAddress);
        builder.Services.AddSingleton<DirectorySignIn>();
        builder.Services.AddSingleton<RegionNames>();
        builder.Services.AddSingleton<ElectionPeriods>();
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, SituationRoomCookie.Configure);
    }
}
