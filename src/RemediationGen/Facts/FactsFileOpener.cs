namespace RemediationGen.Facts;

/// <summary>
/// Reads a facts file only when it is a regular file (<see cref="RegularFile"/>, which the log reader uses too: a FIFO is
/// never waited on), and at most <see cref="FactsFile.MaxBytes"/> of it. A stream that cannot seek is refused here too,
/// and a device read through the ordinary open (<c>/dev/zero</c> where its type is not checked) stops at the size cap.
/// </summary>
internal static class FactsFileOpener
{
    private const string NotRegular = "is not a regular file (a pipe, device or socket); give a facts file.";

    public static byte[] ReadAllBytes(string path)
    {
        if (Directory.Exists(path))
        {
            throw Invalid($"Facts file '{path}' is a folder; give a facts file.");
        }

        using var stream = Open(path);
        if (!stream.CanSeek)
        {
            throw Invalid($"Facts file '{path}' {NotRegular}");
        }

        using var content = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            if (content.Length + read > FactsFile.MaxBytes)
            {
                throw Invalid($"Facts file '{path}' is larger than {FactsFile.MaxBytes / (1024 * 1024)} MiB, far more than a hierarchy's facts; is it the right file?");
            }

            content.Write(buffer, 0, read);
        }

        return content.ToArray();
    }

    private static Stream Open(string path)
    {
        try
        {
            return RegularFile.OpenShared(path, bufferSize: 1);
        }
        catch (NotRegularFileException)
        {
            throw Invalid($"Facts file '{path}' {NotRegular}");
        }
    }

    private static RemediationGenException Invalid(string message) => new(ErrorKind.InvalidInput, message);
}
