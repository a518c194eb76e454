using System.Security.Cryptography;
using System.Text.Json;

namespace RemediationGen.Packaging;

/// <summary>
/// Decides whether a site folder is a RemediationGen package that <c>--force</c> may replace: it is ours only if its
/// manifest (tool RemediationGen) lists exactly the files present, with matching SHA-256. Anything else in it (a user's
/// notes, a sub-folder, a link, a changed or missing file) makes it not ours, and the problems name those entries.
/// </summary>
internal static class PackageOwnership
{
    /// <returns>The reasons the folder is not ours, by relative path ('/' separators); empty when it is ours.</returns>
    public static IReadOnlyList<string> Problems(string siteFolder)
    {
        var present = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        Collect(siteFolder, string.Empty, present, problems);
        var listed = present.Remove(PackageLayout.ManifestFileName, out var manifestPath) ? ReadManifest(manifestPath) : null;
        if (listed is null)
        {
            var why = manifestPath is null
                ? $"no {PackageLayout.ManifestFileName}"
                : $"{PackageLayout.ManifestFileName} is not a RemediationGen manifest with a file list";
            return [why, .. present.Keys.Select(path => $"{path} (not written by RemediationGen)"), .. problems];
        }

        foreach (var (path, fullPath) in present)
        {
            if (!listed.TryGetValue(path, out var sha256))
            {
                problems.Add($"{path} (not written by RemediationGen)");
            }
            else if (!string.Equals(Sha256OrNull(fullPath), sha256, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{path} (changed since it was written)");
            }
        }

        problems.AddRange(listed.Keys.Where(path => !present.ContainsKey(path)).Select(path => $"{path} (missing)"));
        return problems;
    }

    private static void Collect(string folder, string prefix, SortedDictionary<string, string> files, List<string> problems)
    {
        var entries = new DirectoryInfo(folder).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        if (entries.Count == 0 && prefix.Length > 0)
        {
            problems.Add($"{prefix} (an empty folder RemediationGen did not write)");
        }

        foreach (var entry in entries)
        {
            var relative = prefix + entry.Name;
            if (entry.LinkTarget is not null)
            {
                problems.Add($"{relative} (a link; RemediationGen writes none)");
            }
            else if (entry is DirectoryInfo)
            {
                Collect(entry.FullName, relative + "/", files, problems);
            }
            else
            {
                files[relative] = entry.FullName;
            }
        }
    }

    /// <returns>Path to SHA-256 of every listed file, or null when the manifest is not ours.</returns>
    private static Dictionary<string, string>? ReadManifest(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("tool", out var tool) || tool.ValueKind != JsonValueKind.String || tool.GetString() != PackageLayout.ToolName
                || !root.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var listed = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var file in files.EnumerateArray())
            {
                if (file.ValueKind != JsonValueKind.Object
                    || !file.TryGetProperty("path", out var filePath) || filePath.ValueKind != JsonValueKind.String
                    || !file.TryGetProperty("sha256", out var sha256) || sha256.ValueKind != JsonValueKind.String
                    || !listed.TryAdd(filePath.GetString()!, sha256.GetString()!))
                {
                    return null;
                }
            }

            return listed;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <returns>Null when the file cannot be read: then it cannot be shown to be ours.</returns>
    private static string? Sha256OrNull(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
