using System.Text.Json;

namespace RemediationGen.Packaging;

/// <summary>
/// Writes rendered packages as <c>OUT/&lt;SiteCode&gt;/</c>, all or nothing. Every conflict is found before anything
/// is written; packages are written to a staging folder inside OUT and moved into place, so a site folder is either
/// the old one or the complete new one. An existing non-empty folder is replaced only with <c>force</c>, and only if
/// it is a RemediationGen package (it has our manifest): a folder of anything else is never replaced.
/// </summary>
public static class PackageWriter
{
    private const string StagingPrefix = ".remediationgen-staging-";

    /// <returns>The site folders written, in order.</returns>
    public static IReadOnlyList<string> Write(string outputDirectory, IReadOnlyList<RenderedPackage> packages, bool force)
    {
        if (File.Exists(outputDirectory))
        {
            throw new RemediationGenException(ErrorKind.OutputConflict, $"Output path '{outputDirectory}' is a file, not a folder.");
        }

        // Nothing to write leaves nothing behind, not even an empty OUT folder.
        if (packages.Count == 0)
        {
            return [];
        }

        foreach (var package in packages)
        {
            CheckReplaceable(Path.Combine(outputDirectory, package.SiteCode), force);
        }

        var staging = Path.Combine(outputDirectory, StagingPrefix + Guid.NewGuid().ToString("N"));
        var written = new List<string>();
        try
        {
            Directory.CreateDirectory(staging);
            foreach (var package in packages)
            {
                WriteFiles(Path.Combine(staging, package.SiteCode), package);
            }

            foreach (var package in packages)
            {
                var destination = Path.Combine(outputDirectory, package.SiteCode);
                MoveIntoPlace(Path.Combine(staging, package.SiteCode), destination, Path.Combine(staging, ".previous-" + package.SiteCode));
                written.Add(destination);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RemediationGenException(
                ErrorKind.OutputFailed,
                $"Cannot write to '{outputDirectory}': {ex.Message}" + (written.Count > 0 ? $" (complete before the failure: {string.Join(", ", written)})" : " Nothing was written."),
                ex);
        }
        finally
        {
            TryDelete(staging);
        }

        return written;
    }

    /// <summary>Throws when <paramref name="siteFolder"/> holds something that may not be replaced.</summary>
    public static void CheckReplaceable(string siteFolder, bool force)
    {
        if (File.Exists(siteFolder))
        {
            throw new RemediationGenException(ErrorKind.OutputConflict, $"'{siteFolder}' is a file; remove it or choose another --out.");
        }

        if (!Directory.Exists(siteFolder) || !Directory.EnumerateFileSystemEntries(siteFolder).Any())
        {
            return;
        }

        if (!IsPackage(siteFolder))
        {
            throw new RemediationGenException(
                ErrorKind.OutputConflict,
                $"'{siteFolder}' is not empty and is not a RemediationGen package (no {SitePackageBuilder.ManifestFileName} of ours); it is never replaced, even with --force. Choose another --out.");
        }

        if (!force)
        {
            throw new RemediationGenException(
                ErrorKind.OutputConflict,
                $"'{siteFolder}' already holds a package; add --force to replace it, or choose another --out.");
        }
    }

    private static bool IsPackage(string folder)
    {
        var manifest = Path.Combine(folder, SitePackageBuilder.ManifestFileName);
        if (!File.Exists(manifest))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(manifest));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("tool", out var tool)
                && tool.ValueKind == JsonValueKind.String
                && tool.GetString() == SitePackageBuilder.ToolName;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void WriteFiles(string siteFolder, RenderedPackage package)
    {
        foreach (var file in package.Files)
        {
            var path = Path.Combine(siteFolder, file.RelativePath.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, file.Content);
        }
    }

    private static void MoveIntoPlace(string staged, string destination, string previous)
    {
        if (Directory.Exists(destination))
        {
            // Keep the old package until the new one is in place, and put it back if the move fails.
            Directory.Move(destination, previous);
            try
            {
                Directory.Move(staged, destination);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Directory.Move(previous, destination);
                throw;
            }

            return;
        }

        Directory.Move(staged, destination);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The packages are already in place; a leftover staging folder is harmless and named as ours.
        }
    }
}
