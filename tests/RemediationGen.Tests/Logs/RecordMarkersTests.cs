using RemediationGen.Logs;

namespace RemediationGen.Tests.Logs;

/// <summary>Where the record still open at the end of a text began: one backward search for "LOG", checked against the two marker searches it replaced.</summary>
public sealed class RecordMarkersTests
{
    [Theory]
    [InlineData("", -1)]
    [InlineData("plain text\nno markers at all\n", -1)]
    [InlineData("<![LOG[open\nmore\n", 0)]
    [InlineData("<![LOG[a]LOG]!><time=\"1\">\n<![LOG[b\nc\n", 26)]
    [InlineData("<![LOG[a]LOG]!><time=\"1\">\n", -1)]
    [InlineData("<![LOG[a\nb]LOG]!><x>\n", -1)]
    [InlineData("x <![LOG[mid-line\n", -1)]
    [InlineData("<![LOG[open\nx <![LOG[mid-line\n", 0)]
    [InlineData("LOG LOG LOGLOG\n<![LOG[LOG]\nLOG\n", 15)]
    [InlineData("<![LOG[a]LOG]!>\r\n<![LOG[", 17)]
    [InlineData("<![LOG[a]LOG]!>\r<![LOG[]LOG[", 16)]
    public void FindOpenRecord_FindsTheLastLineStartRecordAfterTheLastClose(string text, int expected)
    {
        // When the open record is looked for, then it is where the two marker searches put it
        Assert.Equal(expected, Reference(text));
        Assert.Equal(expected, RecordMarkers.FindOpenRecord(text));
    }

    [Fact]
    public void FindOpenRecord_OnMixedLines_AgreesWithTheMarkerSearches()
    {
        // Given texts built from lines with and without markers
        var lines = new[] { "<![LOG[a]LOG]!><t>", "<![LOG[open", "x]LOG]!><t>", "LOG", "x <![LOG[y", "plain", "]LOG]!>", "<![LOG[<![LOG[" };
        var random = new Random(12);
        for (var i = 0; i < 2000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 8)).Select(_ => lines[random.Next(lines.Length)] + (random.Next(3) == 0 ? "\r\n" : "\n")));

            // Then the backward search agrees with the two marker searches
            Assert.Equal(Reference(text), RecordMarkers.FindOpenRecord(text));
        }
    }

    /// <summary>The search this replaced: the last close, then the last line-start record start after it.</summary>
    private static int Reference(ReadOnlySpan<char> text)
    {
        var close = text.LastIndexOf(RecordMarkers.RecordEnd, StringComparison.Ordinal);
        var candidates = text;
        while (true)
        {
            var start = candidates.LastIndexOf(RecordMarkers.RecordStart, StringComparison.Ordinal);
            if (start < 0 || start <= close)
            {
                return -1;
            }

            if (start == 0 || text[start - 1] is '\r' or '\n')
            {
                return start;
            }

            candidates = candidates[..start];
        }
    }
}
