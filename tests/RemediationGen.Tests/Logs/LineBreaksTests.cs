using RemediationGen.Logs;

namespace RemediationGen.Tests.Logs;

/// <summary>The scan's vectorized line-break searches (<see cref="LineBreaks"/>) against the library's.</summary>
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
}
