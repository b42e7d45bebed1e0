using System.Reflection;

namespace Oversight.ServiceDefaults;

/// <summary>Text files built into an assembly (migrations, seeds, page assets).</summary>
public static class EmbeddedText
{
    /// <summary>The text of an embedded resource of the assembly, by its logical name.</summary>
    public static string Read(Assembly assembly, string logicalName)
    {
        using var stream = assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"Embedded resource '{logicalName}' is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
