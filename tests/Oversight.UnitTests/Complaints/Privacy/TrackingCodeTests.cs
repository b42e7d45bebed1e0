using Oversight.Complaints.Infrastructure.Privacy;

namespace Oversight.UnitTests.Complaints.Privacy;

public sealed class TrackingCodeTests
{
    [Fact]
    public void New_codes_are_two_groups_of_crockford_base32_with_a_valid_check_character()
    {
        var codes = Enumerable.Range(0, 5000).Select(_ => TrackingCode.New()).ToList();

        Assert.All(codes, code =>
        {
            Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{6}$", code.ToString());
            Assert.Equal(10, code.Compact.Length);
            Assert.Equal(code, TrackingCode.Parse(code.ToString()));
        });
        Assert.Equal(codes.Count, codes.Select(code => code.Compact).Distinct().Count());
        // Random over the whole alphabet in every random position.
        for (var position = 0; position < 9; position++)
        {
            Assert.Equal(32, codes.Select(code => code.Compact[position]).Distinct().Count());
        }
    }

    [Fact]
    public void The_check_character_is_luhn_mod_32()
    {
        // Worked by hand: values of "K7M2Q9XD4" are 19,7,20,2,23,9,29,13,4; from the right, doubled every other one
        // (4→8, 13, 29→58→1+26=27, 9, 23→46→1+14=15, 2, 20→40→1+8=9, 7, 19→38→1+6=7): sum 97, 97 mod 32 = 1, check = 31 = Z.
        Assert.Equal('Z', TrackingCode.CheckCharacter("K7M2Q9XD4"));
        Assert.Equal("K7M2-Q9XD4Z", TrackingCode.Parse("K7M2Q9XD4Z").ToString());
        Assert.False(TrackingCode.TryParse("K7M2-Q9XD4P", out _));
    }

    [Theory]
    [InlineData("k7m2-q9xd4z")]
    [InlineData(" K7M2 Q9XD4Z ")]
    [InlineData("K7M2Q9XD4Z")]
    [InlineData("K 7 M 2 - Q 9 X D 4 Z")]
    public void Parsing_ignores_case_spaces_and_dashes(string typed)
    {
        Assert.True(TrackingCode.TryParse(typed, out var code));
        Assert.Equal("K7M2Q9XD4Z", code.Compact);
        Assert.Equal("K7M2-Q9XD4Z", code.ToString());
    }

    [Fact]
    public void I_and_L_read_as_one_and_O_as_zero()
    {
        var body = "1A0B1C0D1";
        var code = TrackingCode.Parse(body + TrackingCode.CheckCharacter(body));

        Assert.Equal(code, TrackingCode.Parse("IA0B" + "lCOD1" + TrackingCode.CheckCharacter(body)));
        Assert.Equal(code, TrackingCode.Parse("iaob-LcOdI" + TrackingCode.CheckCharacter(body)));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("K7M2-Q9XD4")]       // too short
    [InlineData("K7M2-Q9XD4ZZ")]     // too long
    [InlineData("K7M2-Q9XU4Z")]      // U is not in the alphabet
    [InlineData("K7M2-Q9XD4Z!")]
    public void Malformed_codes_are_refused(string? typed)
    {
        Assert.False(TrackingCode.TryParse(typed, out _));
        if (typed is not null) Assert.Throws<FormatException>(() => TrackingCode.Parse(typed));
    }

    [Fact]
    public void Every_single_mistyped_character_is_caught()
    {
        for (var n = 0; n < 200; n++)
        {
            var code = TrackingCode.New().Compact;
            for (var position = 0; position < code.Length; position++)
            {
                foreach (var other in TrackingCode.Alphabet)
                {
                    if (other == code[position]) continue;
                    var typo = code[..position] + other + code[(position + 1)..];
                    Assert.False(TrackingCode.TryParse(typo, out _), $"{typo} (from {code}) was accepted");
                }
            }
        }
    }

    [Fact]
    public void Swapped_neighbours_are_caught_except_zero_and_z()
    {
        for (var n = 0; n < 500; n++)
        {
            var code = TrackingCode.New().Compact;
            for (var position = 0; position < code.Length - 1; position++)
            {
                var (a, b) = (code[position], code[position + 1]);
                if (a == b || (a, b) is ('0', 'Z') or ('Z', '0')) continue;
                var swapped = code[..position] + b + a + code[(position + 2)..];
                Assert.False(TrackingCode.TryParse(swapped, out _), $"{swapped} (from {code}) was accepted");
            }
        }
    }
}
