using System.Security.Cryptography;

namespace Oversight.RegionDirectory.Model.Credentials;

/// <summary>New client ids and secrets, from the system's cryptographic random generator.</summary>
public static class ClientCredentialGenerator
{
    /// <summary>"oc-" and 16 hex digits (64 bits): unique enough, and not a secret.</summary>
    public static string NewClientId() => "oc-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>256 random bits, base64url (43 characters): safe in a form body, a header and a shell.</summary>
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
