using System.Security.Cryptography;

namespace Oversight.Complaints.Infrastructure.Privacy;

/// <summary>
/// The code a reporter gets on acceptance to follow the report (with a <see cref="ReporterPin"/>): ten characters of
/// Crockford's base32 (digits and upper-case letters without I, L, O, U), written in two groups, <c>K7M2-Q9XD4P</c>, so it can
/// be read over the phone. The first nine characters are random (45 bits, from <see cref="RandomNumberGenerator"/>);
/// the tenth is a Luhn mod 32 check character, which catches every single mistyped character and every swap of two
/// neighbours except 0 and Z (the weakness of every Luhn mod N). Parsing ignores case, spaces and dashes and reads I and L as 1 and O as 0, as Crockford's scheme says.
/// The code identifies a report; it is not a secret on its own (the PIN is), but it is not guessable either.
/// Store <see cref="Compact"/> (unique); show <see cref="ToString"/>.
/// </summary>
public sealed record TrackingCode
{
    /// <summary>Crockford's base32 alphabet; a character's value is its index.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 10;
    private const int RandomLength = Length - 1;
    private const int GroupLength = 4;

    private TrackingCode(string compact) => Compact = compact;

    /// <summary>The ten characters without the dash, e.g. <c>K7M2Q9XD4P</c>.</summary>
    public string Compact { get; }

    /// <summary>The display form, e.g. <c>K7M2-Q9XD4P</c>.</summary>
    public override string ToString() => Compact[..GroupLength] + "-" + Compact[GroupLength..];

    /// <summary>A new random code.</summary>
    public static TrackingCode New()
    {
        var body = RandomNumberGenerator.GetString(Alphabet, RandomLength);
        return new TrackingCode(body + CheckCharacter(body));
    }

    /// <summary>Reads a code as a person typed it; false when it is not ten valid characters with a matching check character.</summary>
    public static bool TryParse(string? text, out TrackingCode code)
    {
        code = null!;
        if (text is null) return false;
        Span<char> normalized = stackalloc char[Length];
        var count = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '-' or '\t' || char.IsWhiteSpace(c)) continue;
            var mapped = char.ToUpperInvariant(c) switch
            {
                'I' or 'L' => '1',
                'O' => '0',
                var other => other,
            };
            if (count == Length || Alphabet.IndexOf(mapped) < 0) return false;
            normalized[count++] = mapped;
        }
        if (count != Length) return false;
        var compact = new string(normalized);
        if (CheckCharacter(compact.AsSpan(0, RandomLength)) != compact[RandomLength]) return false;
        code = new TrackingCode(compact);
        return true;
    }

    /// <summary>As <see cref="TryParse"/>; throws <see cref="FormatException"/> for a code that is not valid.</summary>
    public static TrackingCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException("Not a tracking code: expected ten characters like K7M2-Q9XD4P.");

    /// <summary>The Luhn mod 32 check character of the nine random characters (canonical, upper case).</summary>
    public static char CheckCharacter(ReadOnlySpan<char> body)
    {
        const int n = 32;
        var factor = 2;
        var sum = 0;
        for (var i = body.Length - 1; i >= 0; i--)
        {
            var addend = factor * Alphabet.IndexOf(body[i]);
            factor = factor == 2 ? 1 : 2;
            sum += addend / n + addend % n;
        }
        return Alphabet[(n - sum % n) % n];
    }
}
