namespace Oversight.RegionDirectory.Infrastructure;

internal static class EmbeddedResource
{
    public static string Read(string logicalName)
    {
        using var stream = typeof(EmbeddedResource).Assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"Embedded resource '{logicalName}' is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
