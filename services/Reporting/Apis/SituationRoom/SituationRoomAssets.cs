namespace Oversight.Reporting.Apis.SituationRoom;

/// <summary>The page's HTML, script and stylesheet, embedded in the assembly (no file system, no CDN).</summary>
public static class SituationRoomAssets
{
    public static IResult Serve(string name, string contentType)
    {
        var stream = typeof(SituationRoomAssets).Assembly.GetManifestResourceStream("SituationRoom/" + name)
            ?? throw new InvalidOperationException($"The embedded asset {name} is missing from the build.");
        return Results.Stream(stream, contentType);
    }
}
