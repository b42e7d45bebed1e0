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

    [Fact]
    public void A_pin_is_stored_as_a_salted_slow_hash_and_verified()
    {
        var hash = ReporterPin.Hash("012345");

        Assert.StartsWith($"pbkdf2-sha256${ReporterPin.HashIterations}$", hash);
        Assert.Equal(10_000, SecretHasher.IterationsOf(hash));
        Assert.DoesNotContain("012345", hash);
        Assert.True(ReporterPin.Verify("012345", hash));
        Assert.True(ReporterPin.Verify("012 345", hash));
        Assert.False(ReporterPin.Verify("012346", hash));
        Assert.False(ReporterPin.Verify("12345", hash));
        Assert.False(ReporterPin.Verify(null, hash));
        Assert.False(ReporterPin.Verify("abcdef", hash));
        // Salted: the same PIN hashes differently every time.
        Assert.NotEqual(hash, ReporterPin.Hash("012345"));
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
        Assert.Throws<ArgumentException>(() => ReporterPin.Hash(pin));
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
