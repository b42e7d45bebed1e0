using System.Security.Cryptography;
using Oversight.LocalServers;

namespace Oversight.AppHost;

/// <summary>
/// The AES-256 key that seals reporters' identities in the complaints database: a secret parameter
/// (<c>complaints-identity-key-k1</c>) generated on the first start into the state folder's secrets.json, beside the
/// data it protects, and passed as the key ring <c>Complaints__IdentityKeys__k1</c> with
/// <c>Complaints__CurrentIdentityKeyId=k1</c>. Losing it makes every stored identity unreadable; rotation means adding
/// a k2 here and making it current.
/// </summary>
internal static class ReporterIdentityKey
{
    private const string KeyId = "k1";

    public static IResourceBuilder<ProjectResource> WithReporterIdentityKey(this IResourceBuilder<ProjectResource> complaints)
    {
        // One key for every complaints service (a regional site's too): a complaint's identity stays readable wherever it is read.
        var name = $"complaints-identity-key-{KeyId}";
        var builder = complaints.ApplicationBuilder;
        var key = builder.Resources.OfType<ParameterResource>().FirstOrDefault(p => p.Name == name) is { } existing
            ? builder.CreateResourceBuilder(existing)
            : builder.AddStateSecret(name, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        return complaints
            .WithEnvironment("Complaints__IdentityKeys__" + KeyId, key)
            .WithEnvironment("Complaints__CurrentIdentityKeyId", KeyId);
    }
}
