using RemediationGen.Logs;

namespace RemediationGen.Tests.Logs;

/// <summary>
/// <see cref="AsciiNarrowing"/> gives the filter a byte per character: ASCII as itself, anything else as 0x80, never a
/// byte that could be an anchor's character or a line break (as a truncating narrowing would make of U+010A or U+0141).
/// </summary>
public sealed class AsciiNarrowingTests
{
    // ASCII, line breaks, Latin-1, characters whose low byte is an LF, a CR or a letter, surrogates, U+FFFD, the last one.
    private static readonly char[] Characters = ['a', 'Z', '0', ' ', '\r', '\n', '\0', '\u007F', '\u0080', '\u00E9', '\u010A', '\u010D', '\u0141', '\u2028', '\uD83D', '\uDE00', '\uFFFD', '\uFFFF'];

    [Fact]
    public void Narrow_TextOfEveryLengthAroundTheVectorEdges_GivesEachCharactersByte()
    {
        var random = new Random(91);
        for (var length = 0; length <= 200; length++)
        {
            for (var round = 0; round < 20; round++)
            {
                // Given text of that length from those characters
                var text = new string(Enumerable.Range(0, length).Select(_ => Characters[random.Next(Characters.Length)]).ToArray());
                var bytes = new byte[length + 1];
                bytes[length] = 0x55;

                // When narrowed
                AsciiNarrowing.Narrow(text, bytes);

                // Then each byte is its character's, and nothing past the text is written
                for (var i = 0; i < length; i++)
                {
                    Assert.Equal(text[i] < 0x80 ? (byte)text[i] : AsciiNarrowing.NotAscii, bytes[i]);
                }

                Assert.Equal(0x55, bytes[length]);
            }
        }
    }

    [Fact]
    public void Narrow_FewerBytesThanCharacters_IsRefused() =>
        Assert.Throws<ArgumentException>(() => AsciiNarrowing.Narrow("abc", new byte[2]));
}
