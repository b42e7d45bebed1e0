using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Oversight.Complaints.Infrastructure.Privacy;

namespace Oversight.UnitTests.Complaints.Privacy;

public sealed class ReporterIdentityProtectorTests
{
    private static readonly ReporterIdentity Budi =
        new("Budi Santoso", "5271012345678901", "Jl. Pejanggik No. 1, Mataram", "081234565678", "budi@example.org", AgreedToNotifications: true);

    private static IdentityKeyRing Ring(string current, params string[] ids) =>
        new(current, ids.ToDictionary(id => id, _ => RandomNumberGenerator.GetBytes(32)));

    [Fact]
    public void An_identity_sealed_for_a_complaint_opens_for_it()
    {
        var protector = new ReporterIdentityProtector(Ring("k1", "k1"));
        var complaintId = Guid.NewGuid();

        var sealedBytes = protector.Seal(complaintId, Budi);

        Assert.Equal(Budi, protector.Open(complaintId, sealedBytes));
        var anonymousContact = Budi with { Nik = null, Address = null, Phone = null, Email = null, AgreedToNotifications = false };
        Assert.Equal(anonymousContact, protector.Open(complaintId, protector.Seal(complaintId, anonymousContact)));
    }

    [Fact]
    public void The_sealed_bytes_are_format_key_id_nonce_tag_ciphertext_and_hide_the_fields()
    {
        var protector = new ReporterIdentityProtector(Ring("key-2024", "key-2024"));
        var complaintId = Guid.NewGuid();

        var first = protector.Seal(complaintId, Budi);
        var second = protector.Seal(complaintId, Budi);

        Assert.Equal(ReporterIdentityProtector.FormatV1, first[0]);
        Assert.Equal(8, first[1]);
        Assert.Equal("key-2024", Encoding.ASCII.GetString(first, 2, 8));
        Assert.Equal("key-2024", ReporterIdentityProtector.KeyIdOf(first));
        // A fresh nonce per seal: the same identity never seals to the same bytes.
        Assert.NotEqual(first.AsSpan(10, 12).ToArray(), second.AsSpan(10, 12).ToArray());
        Assert.NotEqual(first, second);
        var text = Encoding.UTF8.GetString(first);
        foreach (var field in new[] { "Budi", "5271012345678901", "Pejanggik", "081234565678", "budi@example.org" })
        {
            Assert.DoesNotContain(field, text);
        }
    }

    [Fact]
    public void Any_altered_byte_is_refused_as_not_authentic_or_malformed()
    {
        var protector = new ReporterIdentityProtector(Ring("k1", "k1"));
        var complaintId = Guid.NewGuid();
        var sealedBytes = protector.Seal(complaintId, Budi);

        for (var i = 0; i < sealedBytes.Length; i++)
        {
            var altered = sealedBytes.ToArray();
            altered[i] ^= 0x01;
            var error = Assert.Throws<ReporterIdentityUnreadableException>(() => protector.Open(complaintId, altered));
            // Header bytes (format, key id length, "k1") make it malformed or name a key the ring lacks; the rest fails the tag.
            Assert.True(i < 4 ? error.Reason != ReporterIdentityUnreadableReason.NotAuthentic : error.Reason == ReporterIdentityUnreadableReason.NotAuthentic,
                $"byte {i}: {error.Reason}");
        }
        var ciphertextFlip = sealedBytes.ToArray();
        ciphertextFlip[^1] ^= 0x80;
        Assert.Equal(ReporterIdentityUnreadableReason.NotAuthentic,
            Assert.Throws<ReporterIdentityUnreadableException>(() => protector.Open(complaintId, ciphertextFlip)).Reason);
        Assert.Equal(ReporterIdentityUnreadableReason.Malformed,
            Assert.Throws<ReporterIdentityUnreadableException>(() => protector.Open(complaintId, sealedBytes.AsSpan(0, 20))).Reason);
        Assert.Equal(ReporterIdentityUnreadableReason.Malformed,
            Assert.Throws<ReporterIdentityUnreadableException>(() => protector.Open(complaintId, [])).Reason);
    }

    [Fact]
    public void The_key_id_is_authenticated_too()
    {
        // The same key under two ids: relabelling a sealed identity from k1 to k0 must still fail the tag.
        var key = RandomNumberGenerator.GetBytes(32);
        var protector = new ReporterIdentityProtector(new IdentityKeyRing("k1", new Dictionary<string, byte[]> { ["k1"] = key, ["k0"] = key }));
        var complaintId = Guid.NewGuid();
        var sealedBytes = protector.Seal(complaintId, Budi);
        sealedBytes[3] = (byte)'0';

        Assert.Equal(ReporterIdentityUnreadableReason.NotAuthentic,
            Assert.Throws<ReporterIdentityUnreadableException>(() => protector.Open(complaintId, sealedBytes)).Reason);
    }

    [Fact]
    public void An_identity_does_not_open_for_another_complaint()
    {
        var protector = new ReporterIdentityProtector(Ring("k1", "k1"));
        var sealedBytes = protector.Seal(Guid.NewGuid(), Budi);

        var error = Assert.Throws<ReporterIdentityUnreadableException>(() => protector.Open(Guid.NewGuid(), sealedBytes));

        Assert.Equal(ReporterIdentityUnreadableReason.NotAuthentic, error.Reason);
        Assert.IsAssignableFrom<CryptographicException>(error);
    }

    [Fact]
    public void An_unknown_key_id_or_a_different_key_under_the_same_id_is_refused()
    {
        var complaintId = Guid.NewGuid();
        var sealedBytes = new ReporterIdentityProtector(Ring("k9", "k9")).Seal(complaintId, Budi);

        var unknown = Assert.Throws<ReporterIdentityUnreadableException>(() => new ReporterIdentityProtector(Ring("k1", "k1")).Open(complaintId, sealedBytes));
        Assert.Equal(ReporterIdentityUnreadableReason.UnknownKey, unknown.Reason);
        Assert.Contains("'k9'", unknown.Message);

        var otherKey = Assert.Throws<ReporterIdentityUnreadableException>(() => new ReporterIdentityProtector(Ring("k9", "k9")).Open(complaintId, sealedBytes));
        Assert.Equal(ReporterIdentityUnreadableReason.NotAuthentic, otherKey.Reason);
    }

    [Fact]
    public void After_rotation_old_identities_still_open_and_new_ones_are_sealed_with_the_current_key()
    {
        var k1 = RandomNumberGenerator.GetBytes(32);
        var k2 = RandomNumberGenerator.GetBytes(32);
        var complaintId = Guid.NewGuid();
        var before = new ReporterIdentityProtector(new IdentityKeyRing("k1", new Dictionary<string, byte[]> { ["k1"] = k1 }));
        var old = before.Seal(complaintId, Budi);

        var after = new ReporterIdentityProtector(new IdentityKeyRing("k2", new Dictionary<string, byte[]> { ["k1"] = k1, ["k2"] = k2 }));
        var fresh = after.Seal(complaintId, Budi);

        Assert.Equal(Budi, after.Open(complaintId, old));
        Assert.Equal("k2", ReporterIdentityProtector.KeyIdOf(fresh));
        Assert.Equal(Budi, after.Open(complaintId, fresh));
        Assert.True(after.NeedsResealing(old));
        Assert.False(after.NeedsResealing(fresh));
        // The new key is really used: the old ring cannot open what the new one sealed.
        Assert.Equal(ReporterIdentityUnreadableReason.UnknownKey,
            Assert.Throws<ReporterIdentityUnreadableException>(() => before.Open(complaintId, fresh)).Reason);
    }

    [Fact]
    public void Printing_an_identity_never_shows_its_fields()
    {
        Assert.Equal("ReporterIdentity(redacted)", Budi.ToString());
        Assert.Equal("reporter: ReporterIdentity(redacted)", $"reporter: {Budi}");
        Assert.Equal("ReporterIdentity(redacted)", string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0}", Budi));
        Assert.Equal("ReporterIdentity(redacted)", (Budi with { Name = "Siti" }).ToString());
    }

    [Fact]
    public void The_ring_is_read_from_configuration_with_rotation()
    {
        var k1 = RandomNumberGenerator.GetBytes(32);
        var k2 = RandomNumberGenerator.GetBytes(32);
        var ring = IdentityKeyRing.FromConfiguration(Configuration(new()
        {
            ["Complaints:IdentityKeys:k1"] = Convert.ToBase64String(k1),
            ["Complaints:IdentityKeys:k2"] = Convert.ToBase64String(k2),
            ["Complaints:CurrentIdentityKeyId"] = "k2",
        }));

        Assert.Equal("k2", ring.CurrentKeyId);
        Assert.Equal(["k1", "k2"], ring.KeyIds.Order());
        var complaintId = Guid.NewGuid();
        var sealedWithK1 = new ReporterIdentityProtector(new IdentityKeyRing("k1", new Dictionary<string, byte[]> { ["k1"] = k1 })).Seal(complaintId, Budi);
        Assert.Equal(Budi, new ReporterIdentityProtector(ring).Open(complaintId, sealedWithK1));
    }

    [Fact]
    public void Missing_settings_are_named()
    {
        var nothing = Assert.Throws<IdentityKeyConfigurationException>(() => IdentityKeyRing.FromConfiguration(Configuration(new())));
        Assert.Contains("Complaints:IdentityKeys has no key", nothing.Message);
        Assert.Contains("Complaints__IdentityKeys__{keyId}", nothing.Message);
        Assert.Contains("Complaints:CurrentIdentityKeyId is not set", nothing.Message);

        var noCurrent = Assert.Throws<IdentityKeyConfigurationException>(() => IdentityKeyRing.FromConfiguration(Configuration(new()
        {
            ["Complaints:IdentityKeys:k1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        })));
        Assert.Contains("Complaints:CurrentIdentityKeyId is not set", noCurrent.Message);
        Assert.DoesNotContain("has no key", noCurrent.Message);

        var wrongCurrent = Assert.Throws<IdentityKeyConfigurationException>(() => IdentityKeyRing.FromConfiguration(Configuration(new()
        {
            ["Complaints:IdentityKeys:k1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Complaints:CurrentIdentityKeyId"] = "k2",
        })));
        Assert.Contains("Complaints:CurrentIdentityKeyId is 'k2', but there is no Complaints:IdentityKeys:k2", wrongCurrent.Message);
    }

    [Fact]
    public void Malformed_keys_are_named_without_printing_them()
    {
        var notBase64 = "this-is-not-base64-but-a-secret!!";
        var shortKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var error = Assert.Throws<IdentityKeyConfigurationException>(() => IdentityKeyRing.FromConfiguration(Configuration(new()
        {
            ["Complaints:IdentityKeys:k1"] = notBase64,
            ["Complaints:IdentityKeys:k2"] = shortKey,
            ["Complaints:IdentityKeys:k3"] = "",
            ["Complaints:IdentityKeys:bad key!"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Complaints:CurrentIdentityKeyId"] = "k1",
        })));

        Assert.Contains("Complaints:IdentityKeys:k1 is not valid base64", error.Message);
        Assert.Contains("Complaints:IdentityKeys:k2 decodes to 16 bytes", error.Message);
        Assert.Contains("Complaints:IdentityKeys:k3 is empty", error.Message);
        Assert.Contains("Complaints:IdentityKeys:bad key!: the key id must be", error.Message);
        // The current key's own problem is reported once, not again as "no such key".
        Assert.DoesNotContain("but there is no", error.Message);
        Assert.DoesNotContain(notBase64, error.Message);
        Assert.DoesNotContain(shortKey, error.Message);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
