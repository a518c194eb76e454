namespace RemediationGen.Logs;

/// <summary>The arrays a <see cref="ScanBlock"/> works in, which a worker reuses from file to file.</summary>
internal sealed class ScanBlockMemory
{
    /// <summary>The decoded text.</summary>
    public char[] Text { get; } = new char[LogFileScanner.BlockChars];

    /// <summary>A byte per character of <see cref="Text"/> (see <see cref="AsciiNarrowing"/>).</summary>
    public byte[] Narrow { get; } = new byte[LogFileScanner.BlockChars];
}
