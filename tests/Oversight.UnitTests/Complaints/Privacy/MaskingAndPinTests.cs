using System.Security.Cryptography;
using Oversight.Complaints.Infrastructure.Privacy;
using Oversight.Security.Credentials;

namespace Oversight.UnitTests.Complaints.Privacy;

public sealed class PrivacyMaskingTests
{
    [Theory]
    [InlineData("081234565678", "0812****5678")]
    [InlineData("0812-3456-5678", "0812****5678")]
    [InlineData("+62 812 3456 5678", "+6281****5678")]
    [InlineData("0370 6171", "****71")]
    [InlineData("12345", "****")]
    [InlineData("", "****")]
    [InlineData(null, "****")]
    public void Phone_numbers_show_only_their_ends(string? phone, string expected) =>
        Assert.Equal(expected, PersonalDataMask.Phone(phone));

    [Theory]
    [InlineData("budi@example.org", "b***@example.org")]
    [InlineData(" Siti.Aminah@mail.example.co.id ", "S***@mail.example.co.id")]
    [InlineData("x@example.org", "x***@example.org")]
    [InlineData("not-an-email", "***")]
    [InlineData("@example.org", "***")]
    [InlineData(null, "***")]
    public void Emails_show_the_first_letter_and_the_domain(string? email, string expected) =>
        Assert.Equal(expected, PersonalDataMask.Email(email));

    [Theory]
    [InlineData("Budi Santoso", "B*** S***")]
    [InlineData("  Lalu   Alwan Basri ", "L*** A*** B***")]
    [InlineData("", "***")]
    public void Names_show_initials(string name, string expected) =>
        Assert.Equal(expected, PersonalDataMask.Name(name));

    [Theory]
    [InlineData("5271012345678901", "5271**********01")]
    [InlineData("52710123", "****************")]
    [InlineData(null, "****************")]
    public void A_nik_shows_its_region_and_last_two_digits(string? nik, string expected) =>
        Assert.Equal(expected, PersonalDataMask.Nik(nik));
}

public sealed class ReporterPinTests
{
    [Fact]
    public void Pins_are_six_random_digits()
    {
        var pins = Enumerable.Range(0, 2000).Select(_ => ReporterPin.Generate()).ToList();

        Assert.All(pins, pin => Assert.Matches("^[0-9]{6}$", pin));
        Assert.True(pins.Distinct().Count() > 1900, "PINs repeat far more than chance allows");
        // Every position takes every digit: not a counter, not a fixed prefix.
        for (var position = 0; position < 6; position++)
        {
            Assert.Equal(10, pins.Select(pin => pin[position]).Distinct().Count());
        }
    }

    private static IdentityKeyRing Ring(string current, params string[] ids) =>
        new(current, ids.ToDictionary(id => id, _ => RandomNumberGenerator.GetBytes(IdentityKeyRing.KeyBytes)));

    [Fact]
    public void A_pin_is_stored_as_a_keyed_salted_hash_and_verified()
    {
        var pins = new ReporterPin(Ring("k1", "k1"));
        var hash = pins.Hash("012345");

        Assert.StartsWith("hmac-sha256$k1$", hash);
        Assert.DoesNotContain("012345", hash);
        Assert.Equal(PinCheck.Right, pins.Verify("012345", hash));
        Assert.Equal(PinCheck.Right, pins.Verify("012 345", hash));
        Assert.Equal(PinCheck.Wrong, pins.Verify("012346", hash));
        Assert.Equal(PinCheck.Wrong, pins.Verify("12345", hash));
        Assert.Equal(PinCheck.Wrong, pins.Verify(null, hash));
        Assert.Equal(PinCheck.Wrong, pins.Verify("abcdef", hash));
        Assert.Equal(PinCheck.Wrong, pins.Verify("012345", "hmac-sha256$k1$not base64$AAAA"));
        // Salted: the same PIN hashes differently every time.
        Assert.NotEqual(hash, pins.Hash("012345"));
    }

    [Fact]
    public void Without_the_key_a_stored_hash_does_not_verify_even_the_right_pin()
    {
        // The same key id with another key: what a thief of the table has, without the key.
        var hash = new ReporterPin(Ring("k1", "k1")).Hash("012345");

        var thief = new ReporterPin(Ring("k1", "k1"));
        Assert.Equal(0, Enumerable.Range(0, 1_000_000).Count(n => thief.Verify(n.ToString("D6"), hash) != PinCheck.Wrong));
    }

    [Fact]
    public void A_slow_hash_of_before_and_a_hash_under_a_retired_key_verify_as_outdated()
    {
        var pins = new ReporterPin(Ring("k1", "k1"));
        var legacy = SecretHasher.Hash("012345", 10_000);
        Assert.Equal(PinCheck.RightButOutdated, pins.Verify("012345", legacy));
        Assert.Equal(PinCheck.Wrong, pins.Verify("012346", legacy));

        var k1 = RandomNumberGenerator.GetBytes(IdentityKeyRing.KeyBytes);
        var hash = new ReporterPin(new IdentityKeyRing("k1", new Dictionary<string, byte[]> { ["k1"] = k1 })).Hash("012345");
        var rotated = new IdentityKeyRing("k2", new Dictionary<string, byte[]>
        {
            ["k1"] = k1,
            ["k2"] = RandomNumberGenerator.GetBytes(IdentityKeyRing.KeyBytes),
        });
        Assert.Equal(PinCheck.RightButOutdated, new ReporterPin(rotated).Verify("012345", hash));
        Assert.StartsWith("hmac-sha256$k2$", new ReporterPin(rotated).Hash("012345"));
        // Once the old key is removed from the ring, a hash still made with it no longer verifies.
        Assert.Equal(PinCheck.Wrong, new ReporterPin(Ring("k2", "k2")).Verify("012345", hash));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("١٢٣٤٥٦")] // Arabic-Indic digits are not ASCII digits
    public void Only_six_ascii_digits_are_a_pin(string pin)
    {
        Assert.False(ReporterPin.IsWellFormed(pin));
        Assert.Throws<ArgumentException>(() => new ReporterPin(Ring("k1", "k1")).Hash(pin));
    }

    [Fact]
    public void The_shared_hasher_keeps_its_default_and_rejects_malformed_hashes()
    {
        var hash = SecretHasher.Hash("client-secret");

        Assert.Equal(SecretHasher.Iterations, SecretHasher.IterationsOf(hash));
        Assert.True(SecretHasher.Verify("client-secret", hash));
        Assert.False(SecretHasher.Verify("client-secreT", hash));
        Assert.False(SecretHasher.Verify("client-secret", "pbkdf2-sha256$0$AAAA$AAAA"));
        Assert.False(SecretHasher.Verify("client-secret", "pbkdf2-sha256$1000$not base64$AAAA"));
        Assert.False(SecretHasher.Verify("client-secret", "md5$1$AAAA$AAAA"));
        Assert.Null(SecretHasher.IterationsOf("garbage"));
    }
}
