using RemediationGen.Diagnosis;
using RemediationGen.Facts;

namespace RemediationGen.Logs;

/// <summary>Finds the logs to read under the paths the user gave and works out which server wrote each one.</summary>
public static class LogDiscovery
{
    /// <summary>
    /// A path that is a file is read whatever its extension; a folder is searched recursively for <c>*.log</c> and
    /// <c>*.lo_</c> (the rolled-over copy), case-insensitively. Files are listed per path, in ordinal order of their
    /// relative path, so every run reads them in the same order. Folders that cannot be searched become problems.
    /// </summary>
    /// <exception cref="RemediationGenException">A path does not exist (<see cref="ErrorKind.InvalidInput"/>).</exception>
    public static LogDiscoveryResult Discover(IReadOnlyList<string> paths, HierarchyFacts? facts)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var servers = new ServerDirectory(facts);
        var files = new List<LogFile>();
        var problems = new List<LogProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                var fullPath = Path.GetFullPath(path);
                if (seen.Add(fullPath))
                {
                    // A file named directly: only the folder that holds it can name its server.
                    var folder = Path.GetFileName(Path.GetDirectoryName(fullPath));
                    var server = folder is null ? null : AttributeServer([folder], servers);
                    files.Add(new LogFile(path, server, () => LogFileReader.OpenShared(fullPath)));
                }

                continue;
            }

            if (!Directory.Exists(path))
            {
                throw new RemediationGenException(ErrorKind.InvalidInput, $"Log path '{path}' does not exist.");
            }

            files.AddRange(DiscoverFolder(path, servers, problems, seen));
        }

        return new LogDiscoveryResult(files, problems);
    }

    /// <summary>
    /// The server attribution rule. Folder names are walked from the log's own folder up to and including the folder
    /// the user named (nearest first). The first name that is a valid host name (<see cref="HostName.TryNormalize"/>)
    /// and either
    /// <list type="bullet">
    /// <item>is a server of the facts: its FQDN, or its short name when that is unambiguous (the facts' FQDN is returned), or</item>
    /// <item>contains a dot (an FQDN the facts do not know; a last label of digits only, like an IP address or a version, does not count),</item>
    /// </list>
    /// is the server that wrote the log. Otherwise the server is unknown (null): a folder such as <c>Logs</c> or
    /// <c>SMS_DP$</c> names no server, and a short name the facts do not know could be anything.
    /// A dotted name is matched to the facts only by its exact FQDN: <c>dp01.other.com</c> is not <c>dp01.contoso.com</c>.
    /// </summary>
    public static string? AttributeServer(IEnumerable<string> folderNamesNearestFirst, ServerDirectory servers)
    {
        ArgumentNullException.ThrowIfNull(folderNamesNearestFirst);
        ArgumentNullException.ThrowIfNull(servers);
        foreach (var folderName in folderNamesNearestFirst)
        {
            if (!HostName.TryNormalize(folderName, out var hostName, out _))
            {
                continue;
            }

            if (servers.Match(hostName) is { } known)
            {
                return known.HostName;
            }

            if (hostName.Contains('.', StringComparison.Ordinal) && !IsNumericLabel(hostName[(hostName.LastIndexOf('.') + 1)..]))
            {
                return hostName;
            }
        }

        return null;
    }

    private static bool IsNumericLabel(string label) => label.All(char.IsAsciiDigit);

    private static List<LogFile> DiscoverFolder(string root, ServerDirectory servers, List<LogProblem> problems, HashSet<string> seen)
    {
        var rootFullPath = Path.GetFullPath(root);
        var rootName = Path.GetFileName(Path.TrimEndingDirectorySeparator(rootFullPath));
        var displayRoot = Path.TrimEndingDirectorySeparator(root);
        var found = new List<(string Relative, string FullPath)>();
        CollectLogs(rootFullPath, string.Empty, found, problems, displayRoot);

        found.Sort((a, b) => string.CompareOrdinal(a.Relative, b.Relative));
        var files = new List<LogFile>(found.Count);
        foreach (var (relative, fullPath) in found)
        {
            if (!seen.Add(fullPath))
            {
                continue;
            }

            // Folders between the log and the named root, nearest first, then the named root itself.
            var segments = relative.Split('/');
            var folderNames = segments[..^1].Reverse().Append(rootName);
            var server = AttributeServer(folderNames, servers);
            var displayPath = displayRoot.Length == 0 ? relative : $"{displayRoot}/{relative}";
            files.Add(new LogFile(displayPath, server, () => LogFileReader.OpenShared(fullPath)));
        }

        return files;
    }

    private static void CollectLogs(string folder, string relativeFolder, List<(string, string)> found, List<LogProblem> problems, string displayRoot)
    {
        string[] entries;
        string[] subfolders;
        try
        {
            entries = Directory.GetFiles(folder);
            subfolders = Directory.GetDirectories(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            var display = relativeFolder.Length == 0 ? displayRoot : $"{displayRoot}/{relativeFolder}";
            problems.Add(new LogProblem(display, $"folder cannot be searched: {ex.Message}"));
            return;
        }

        foreach (var file in entries)
        {
            var name = Path.GetFileName(file);
            if (name.EndsWith(".log", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".lo_", StringComparison.OrdinalIgnoreCase))
            {
                found.Add((Combine(relativeFolder, name), file));
            }
        }

        foreach (var subfolder in subfolders)
        {
            // Links can point back up the tree; log folders do not need them.
            if (new DirectoryInfo(subfolder).LinkTarget is not null)
            {
                continue;
            }

            CollectLogs(subfolder, Combine(relativeFolder, Path.GetFileName(subfolder)), found, problems, displayRoot);
        }
    }

    private static string Combine(string relativeFolder, string name) =>
        relativeFolder.Length == 0 ? name : $"{relativeFolder}/{name}";
}
