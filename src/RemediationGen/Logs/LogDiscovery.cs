using RemediationGen.Facts;

namespace RemediationGen.Logs;

/// <summary>Finds the logs to read under the paths the user gave and works out which server wrote each one.</summary>
internal static class LogDiscovery
{
    /// <summary>
    /// A path that is a file is read whatever its extension; a folder is searched recursively for <c>*.log</c> and
    /// <c>*.lo_</c> (the rolled-over copy), case-insensitively. Files are listed per path, folder by folder in ordinal
    /// order of their relative path, and within a folder log set by log set (<see cref="LogSetName"/>: timestamped
    /// archives by their timestamp, then <c>X.lo_</c>, then <c>X.log</c>), so that rules see each log as one stream
    /// in time order and every run reads the same order. Folders that cannot be searched become problems.
    /// <paramref name="explicitServers"/> maps a file or folder path to the server whose logs it holds (the
    /// <c>--server NAME=PATH</c> option): it wins over the attribution rule (<see cref="AttributeServer"/>, <see cref="ServerInFileName"/>).
    /// </summary>
    /// <exception cref="RemediationGenException">A path does not exist, an explicit server is not a valid host name, or one path (in any spelling) is given for two servers (<see cref="ErrorKind.InvalidInput"/>).</exception>
    public static LogDiscoveryResult Discover(
        IReadOnlyList<string> paths,
        HierarchyFacts? facts,
        IReadOnlyDictionary<string, string>? explicitServers = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var servers = new ServerDirectory(facts);
        var explicitByPath = ExplicitServers(explicitServers);
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
                    // A file named directly: only its name and the folder that holds it can name its server.
                    var folder = Path.GetFileName(Path.GetDirectoryName(fullPath));
                    var server = ExplicitServer(fullPath, explicitByPath)
                        ?? ServerInFileName(Path.GetFileName(fullPath), servers)
                        ?? (folder is null ? null : AttributeServer([folder], servers));
                    files.Add(new LogFile(path, server, () => LogFileReader.OpenShared(fullPath)));
                }

                continue;
            }

            if (!Directory.Exists(path))
            {
                throw new RemediationGenException(ErrorKind.InvalidInput, $"Log path '{path}' does not exist.");
            }

            files.AddRange(DiscoverFolder(path, servers, explicitByPath, problems, seen));
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

    /// <summary>
    /// A log named after the server it came from, as collection scripts name copies: the server is the part of the
    /// file name before the first <c>_</c> or after the last one (<c>dp01.contoso.com_SMSPXE.log</c>,
    /// <c>SMSPXE_dp01.contoso.com.log</c>, also with an archive timestamp). <c>_</c> is the separator because <c>-</c>
    /// belongs to host names and never appears in a valid one. The part must pass the same test as a folder name
    /// (<see cref="AttributeServer"/>): a server of the facts or a dotted name, so <c>SMS_DM.log</c> names no server.
    /// </summary>
    public static string? ServerInFileName(string fileName, ServerDirectory servers)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var stem = LogSetName.StemWithoutStamp(fileName);
        var first = stem.IndexOf('_', StringComparison.Ordinal);
        if (first < 0)
        {
            return null;
        }

        var last = stem.LastIndexOf('_');
        return AttributeServer([stem[..first], stem[(last + 1)..]], servers);
    }

    private static bool IsNumericLabel(string label) => label.All(char.IsAsciiDigit);

    /// <summary>Full paths (without a trailing separator) to normalized host names; invalid names, and one path given for two servers, are refused.</summary>
    private static List<ServerPath> ExplicitServers(IReadOnlyDictionary<string, string>? explicitServers)
    {
        var result = new List<ServerPath>();
        foreach (var (path, name) in explicitServers ?? new Dictionary<string, string>())
        {
            if (!HostName.TryNormalize(name, out var hostName, out var reason))
            {
                throw new RemediationGenException(ErrorKind.InvalidInput, $"Server '{name}' for '{path}' is not a valid host name: {reason}.");
            }

            var fullPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
            if (result.Find(given => string.Equals(given.Path, fullPath, StringComparison.Ordinal) && !string.Equals(given.Server, hostName, StringComparison.Ordinal)) is { } other)
            {
                throw new RemediationGenException(
                    ErrorKind.InvalidInput,
                    $"--server: '{other.Given}' and '{path}' are the same path, given for two servers ('{other.Server}' and '{hostName}'); give one server per path.");
            }

            result.Add(new ServerPath(fullPath, hostName, path));
        }

        // The deepest path wins: --server a=logs --server b=logs/b gives logs/b's files to b. Of two paths of one
        // length, neither holds the other, or both name one folder for one server.
        result.Sort(static (a, b) => a.Path.Length != b.Path.Length ? b.Path.Length.CompareTo(a.Path.Length) : string.CompareOrdinal(a.Path, b.Path));
        return result;
    }

    private static string? ExplicitServer(string fullPath, List<ServerPath> explicitByPath)
    {
        foreach (var (path, server, _) in explicitByPath)
        {
            // A root ("/" or "C:\") keeps its separator when trimmed, so a path under it starts right after that.
            if (fullPath.Equals(path, StringComparison.Ordinal)
                || (fullPath.StartsWith(path, StringComparison.Ordinal) && fullPath.Length > path.Length
                    && (path.EndsWith(Path.DirectorySeparatorChar) || fullPath[path.Length] == Path.DirectorySeparatorChar)))
            {
                return server;
            }
        }

        return null;
    }

    private static List<LogFile> DiscoverFolder(
        string root,
        ServerDirectory servers,
        List<ServerPath> explicitByPath,
        List<LogProblem> problems,
        HashSet<string> seen)
    {
        var rootFullPath = Path.GetFullPath(root);
        var rootName = Path.GetFileName(Path.TrimEndingDirectorySeparator(rootFullPath));
        var displayRoot = Path.TrimEndingDirectorySeparator(root);
        var found = new List<FoundLog>();
        CollectLogs(rootFullPath, string.Empty, found, problems, displayRoot);

        found.Sort(static (a, b) =>
        {
            var byFolder = string.CompareOrdinal(FolderOf(a.Relative), FolderOf(b.Relative));
            if (byFolder != 0)
            {
                return byFolder;
            }

            var bySet = LogSetName.Compare(LogSetName.Parse(a.Relative[(a.Relative.LastIndexOf('/') + 1)..]), LogSetName.Parse(b.Relative[(b.Relative.LastIndexOf('/') + 1)..]));
            return bySet != 0 ? bySet : string.CompareOrdinal(a.Relative, b.Relative);
        });
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
            var server = ExplicitServer(fullPath, explicitByPath)
                ?? ServerInFileName(segments[^1], servers)
                ?? AttributeServer(folderNames, servers);
            var displayPath = displayRoot.Length == 0 ? relative : $"{displayRoot}/{relative}";
            files.Add(new LogFile(displayPath, server, () => LogFileReader.OpenShared(fullPath)));
        }

        return files;
    }

    private static void CollectLogs(string folder, string relativeFolder, List<FoundLog> found, List<LogProblem> problems, string displayRoot)
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
                found.Add(new FoundLog(Combine(relativeFolder, name), file));
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

    private static string FolderOf(string relative)
    {
        var slash = relative.LastIndexOf('/');
        return slash < 0 ? string.Empty : relative[..slash];
    }

    private static string Combine(string relativeFolder, string name) =>
        relativeFolder.Length == 0 ? name : $"{relativeFolder}/{name}";

    // Records, not tuples: generic code over a struct is compiled at start-up, where over a class it is compiled ahead.
    private sealed record ServerPath(string Path, string Server, string Given);

    private sealed record FoundLog(string Relative, string FullPath);
}
