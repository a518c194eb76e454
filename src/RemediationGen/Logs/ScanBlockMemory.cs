namespace RemediationGen.Logs;

/// <summary>
/// The arrays a <see cref="ScanBlock"/> works in, which a worker reuses from file to file. They start at a few reads
/// (<see cref="InitialChars"/>), since the text behind the scan is dropped as it goes, and grow up to
/// <see cref="LogFileScanner.BlockChars"/> only for a long record or line: allocated whole at the start, they were
/// 12 MB per worker on the large object heap (8 MB of text and 4 MB of bytes), which cost a full garbage collection in
/// every large run.
/// </summary>
internal sealed class ScanBlockMemory
{
    internal const int InitialChars = 4 * ScanBlock.FillChars;

    /// <summary>The decoded text.</summary>
    public char[] Text { get; private set; } = new char[InitialChars];

    /// <summary>A byte per character of <see cref="Text"/> (see <see cref="AsciiNarrowing"/>).</summary>
    public byte[] Narrow { get; private set; } = new byte[InitialChars];

    /// <summary>Doubles both arrays, up to <see cref="LogFileScanner.BlockChars"/>, keeping their first <paramref name="keep"/> elements; false at that size.</summary>
    public bool TryGrow(int keep)
    {
        if (Text.Length >= LogFileScanner.BlockChars)
        {
            return false;
        }

        var size = Math.Min(2 * Text.Length, LogFileScanner.BlockChars);
        var text = new char[size];
        var narrow = new byte[size];
        Text.AsSpan(0, keep).CopyTo(text);
        Narrow.AsSpan(0, keep).CopyTo(narrow);
        (Text, Narrow) = (text, narrow);
        return true;
    }
}
