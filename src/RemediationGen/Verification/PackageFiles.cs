using RemediationGen.Packaging;

namespace RemediationGen.Verification;

/// <summary>Reads a package folder from disk as the files it holds, paths relative with '/' separators, in ordinal order.</summary>
internal static class PackageFiles
{
    public static List<RenderedFile> Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new RemediationGenException(ErrorKind.InvalidInput, $"Package folder '{folder}' does not exist.");
        }

        try
        {
            return [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(path => new RenderedFile(Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllBytes(path)))
                .OrderBy(file => file.RelativePath, StringComparer.Ordinal)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RemediationGenException(ErrorKind.InvalidInput, $"Cannot read package folder '{folder}': {ex.Message}", ex);
        }
    }
}
