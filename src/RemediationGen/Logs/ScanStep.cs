namespace RemediationGen.Logs;

/// <summary>How far one step of <see cref="SignatureScan"/> got in the text it has.</summary>
internal enum ScanStep
{
    /// <summary>The step is done (for the whole scan: the end of the file was reached).</summary>
    Done,

    /// <summary>More text in the block to scan.</summary>
    Continue,

    /// <summary>The step needs text that has not been read yet.</summary>
    NeedMore,

    /// <summary>A line at least <see cref="BoundedLineReader.MaxLineChars"/> long: the scan goes on line by line.</summary>
    LineTooLong,
}
