using RemediationGen.Logs;

namespace RemediationGen.Tests.Logs;

/// <summary>The filter over a string, as the search runs it: the text narrowed to its bytes first (<see cref="AsciiNarrowing"/>).</summary>
internal static class AnchorFilterText
{
    public static int NextInText(this AnchorFilter filter, string text, int from, out int buckets) =>
        filter.NextInText(text, from, out buckets, out _, out _);

    public static int NextInText(this AnchorFilter filter, string text, int from, out int buckets, out long breaks, out int countedTo)
    {
        var narrow = new byte[text.Length];
        AsciiNarrowing.Narrow(text, narrow);
        return filter.Next(narrow, from, out buckets, out breaks, out countedTo);
    }
}
