using System.Security.Cryptography;
using Oversight.Hosting;
using Oversight.Hosting.Resources;

namespace Oversight.AppHost;

/// <summary>
/// The AES-256 key that seals reporters' identities in the complaints database: generated into the AppHost's secrets
/// store on the first start (<c>complaints-identity-key-k1</c> in secrets.json, beside the data it protects) and passed
/// as the key ring <c>Complaints__IdentityKeys__k1</c> with <c>Complaints__CurrentIdentityKeyId=k1</c>.
/// Losing it makes every stored identity unreadable; rotation means adding a k2 here and making it current.
/// </summary>
internal static class ReporterIdentityKey
{
    private const string KeyId = "k1";
    private const string SecretName = "complaints-identity-key-" + KeyId;

    public static ResourceBuilder<ProjectResource> WithReporterIdentityKey(this ResourceBuilder<ProjectResource> complaints)
    {
        var key = complaints.Application.Secrets.Get(SecretName, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        return complaints
            .WithEnvironment("Complaints__IdentityKeys__" + KeyId, key)
            .WithEnvironment("Complaints__CurrentIdentityKeyId", KeyId);
    }
}
