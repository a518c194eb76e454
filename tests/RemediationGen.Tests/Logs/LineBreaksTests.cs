using RemediationGen.Logs;

namespace RemediationGen.Tests.Logs;

/// <summary>
/// The scan's vectorized line-break searches and count (<see cref="LineBreaks"/>) and its content search
/// (<see cref="ContentCheck.IndexOfNulOrReplacement"/>) against the library's, or a plain loop.
/// </summary>
public sealed class LineBreaksTests
{
    [Fact]
    public void IndexOfAndLastIndexOf_AgreeWithIndexOfAny_AroundEveryVectorEdge()
    {
        // Given texts of every length up to 70 with CR, LF or nothing at random places, often at a vector's edges
        var random = new Random(70);
        for (var round = 0; round < 3000; round++)
        {
            var text = new char[random.Next(71)];
            for (var i = 0; i < text.Length; i++)
            {
                var edge = i is 15 or 16 or 31 or 32 or 63;
                text[i] = random.Next(edge ? 3 : 40) switch { 0 => '\r', 1 => '\n', _ => (char)('a' + random.Next(26)) };
            }

            // When searched both ways, then each finds what IndexOfAny and LastIndexOfAny find
            Assert.Equal(text.AsSpan().IndexOfAny('\r', '\n'), LineBreaks.IndexOf(text));
            Assert.Equal(text.AsSpan().LastIndexOfAny('\r', '\n'), LineBreaks.LastIndexOf(text));
        }
    }

    [Fact]
    public void Count_AgreesWithALoop_AroundEveryVectorEdge()
    {
        // Given texts of every length up to 140 with CR, LF or nothing at random places, often at a vector's edges
        var random = new Random(77);
        for (var round = 0; round < 3000; round++)
        {
            var text = RandomText(random, random.Next(141), '\r', '\n');

            // When its breaks are counted, then the count is the loop's: every LF, and every CR not followed by one
            var expected = 0;
            for (var i = 0; i < text.Length; i++)
            {
                expected += text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')) ? 1 : 0;
            }

            Assert.Equal(expected, LineBreaks.Count(text));
        }
    }

    [Fact]
    public void IndexOfNulOrReplacement_AgreesWithIndexOfAny_AroundEveryVectorEdge()
    {
        // Given texts of every length up to 140 with NUL, U+FFFD or nothing at random places, often at a vector's edges
        var random = new Random(78);
        for (var round = 0; round < 3000; round++)
        {
            var text = RandomText(random, random.Next(141), '\0', '\uFFFD');

            // Then the content search finds what IndexOfAny finds
            Assert.Equal(text.AsSpan().IndexOfAny('\0', '\uFFFD'), ContentCheck.IndexOfNulOrReplacement(text));
        }
    }

    // Letters, with first or second now and then, and often at the edges of 16-, 32- and 64-character vectors.
    private static char[] RandomText(Random random, int length, char first, char second)
    {
        var text = new char[length];
        for (var i = 0; i < text.Length; i++)
        {
            var edge = i % 16 is 0 or 15;
            text[i] = random.Next(edge ? 3 : 60) switch { 0 => first, 1 => second, _ => (char)('a' + random.Next(26)) };
        }

        return text;
    }
}
