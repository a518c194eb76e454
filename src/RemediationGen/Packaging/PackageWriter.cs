namespace RemediationGen.Packaging;

/// <summary>
/// Writes rendered packages as <c>OUT/&lt;SiteCode&gt;/</c>, all sites or none. Packages are written to a locked
/// staging folder inside OUT and then moved into place site by site; if a move fails, the sites already moved are put
/// back as they were. What is at a site's place is judged at the moment of its move, not before rendering: it is taken
/// aside with one rename and checked there (see <see cref="PackageOwnership"/>), so a folder that appears meanwhile is
/// never deleted. A non-empty folder is replaced only with <c>force</c>, and only if it is exactly a package of ours.
/// </summary>
internal static class PackageWriter
{
    /// <returns>The site folders written, in order.</returns>
    public static IReadOnlyList<string> Write(string outputDirectory, IReadOnlyList<RenderedPackage> packages, bool force, TimeProvider? timeProvider = null)
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

        // A first look, to fail before writing anything; the decision that counts is taken again at each move.
        foreach (var package in packages)
        {
            CheckReplaceable(Path.Combine(outputDirectory, package.SiteCode), force);
        }

        var createdOutput = !Directory.Exists(outputDirectory);
        var placed = new List<Placement>();
        try
        {
            StagingArea.RecoverStale(outputDirectory, timeProvider ?? TimeProvider.System);
            using var staging = StagingArea.Create(outputDirectory);
            foreach (var package in packages)
            {
                WriteFiles(staging.Site(package.SiteCode), package);
            }

            try
            {
                foreach (var package in packages)
                {
                    placed.Add(Place(staging, package.SiteCode, Path.Combine(outputDirectory, package.SiteCode), force));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or RemediationGenException)
            {
                var leftInPlace = RollBack(placed);
                if (leftInPlace.Count > 0)
                {
                    throw Failure(outputDirectory, ex, leftInPlace);
                }

                throw;
            }

            return [.. placed.Select(p => p.Destination)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failure(outputDirectory, ex, []);
        }
        finally
        {
            if (createdOutput)
            {
                DeleteIfEmpty(outputDirectory);
            }
        }
    }

    /// <summary>Throws when <paramref name="siteFolder"/> holds something that may not be replaced.</summary>
    public static void CheckReplaceable(string siteFolder, bool force)
    {
        if (File.Exists(siteFolder) || new FileInfo(siteFolder).LinkTarget is not null)
        {
            throw new RemediationGenException(ErrorKind.OutputConflict, $"'{siteFolder}' is a file or a link; remove it or choose another --out.");
        }

        if (!Directory.Exists(siteFolder) || !Directory.EnumerateFileSystemEntries(siteFolder).Any())
        {
            return;
        }

        var problems = PackageOwnership.Problems(siteFolder);
        if (problems.Count > 0)
        {
            throw NotOurs(siteFolder, problems);
        }

        if (!force)
        {
            throw new RemediationGenException(
                ErrorKind.OutputConflict,
                $"'{siteFolder}' already holds a package; add --force to replace it, or choose another --out.");
        }
    }

    private static RemediationGenException NotOurs(string siteFolder, IReadOnlyList<string> problems)
    {
        const int Shown = 10;
        var list = string.Join(", ", problems.Take(Shown)) + (problems.Count > Shown ? $" and {problems.Count - Shown} more" : string.Empty);
        return new RemediationGenException(
            ErrorKind.OutputConflict,
            $"'{siteFolder}' is not a RemediationGen package as written (its manifest must list exactly the files present): {list}. It is never replaced, even with --force; move those away or choose another --out.");
    }

    /// <summary>
    /// Moves one staged site into place. Whatever is at <paramref name="destination"/> now is taken aside with one
    /// rename and judged there, where nothing else changes it; a rename onto a name that exists never replaces it.
    /// </summary>
    private static Placement Place(StagingArea staging, string siteCode, string destination, bool force)
    {
        var previous = staging.Previous(siteCode);
        var tookPrevious = false;
        if (Directory.Exists(destination) && new DirectoryInfo(destination).LinkTarget is null)
        {
            if (!force && Directory.EnumerateFileSystemEntries(destination).Any())
            {
                CheckReplaceable(destination, force);
            }

            Directory.Move(destination, previous);
            tookPrevious = true;
            var empty = !Directory.EnumerateFileSystemEntries(previous).Any();
            var problems = empty ? [] : PackageOwnership.Problems(previous);
            if (problems.Count > 0 || (!empty && !force))
            {
                PutBack(previous, destination);
                throw problems.Count > 0 ? NotOurs(destination, problems) : new RemediationGenException(
                    ErrorKind.OutputConflict,
                    $"'{destination}' already holds a package; add --force to replace it, or choose another --out.");
            }
        }

        try
        {
            Directory.Move(staging.Site(siteCode), destination);
        }
        catch (IOException) when (Path.Exists(destination) || new FileInfo(destination).LinkTarget is not null)
        {
            // What was taken aside (empty, or our package with --force) may go; what appeared meanwhile stays.
            throw new RemediationGenException(
                ErrorKind.OutputConflict,
                $"'{destination}' appeared while the packages were being written (another run, or someone else); it was left as it is. Nothing was written.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (tookPrevious)
            {
                PutBack(previous, destination);
            }

            throw;
        }

        return new Placement(destination, tookPrevious ? previous : null, staging.Site(siteCode));
    }

    /// <summary>
    /// Returns a folder taken aside to its place. If something took the place meanwhile, the folder is kept next to
    /// it instead (the staging folder, and all in it, is deleted at the end of the run).
    /// </summary>
    private static void PutBack(string previous, string destination)
    {
        try
        {
            Directory.Move(previous, destination);
        }
        catch (IOException)
        {
            var kept = StagingArea.KeptBeside(destination);
            Directory.Move(previous, kept);
            throw new RemediationGenException(
                ErrorKind.OutputConflict,
                $"'{destination}' changed while the packages were being written; what was there is kept in '{kept}'. Nothing was written.");
        }
    }

    /// <summary>Puts back every site already moved, newest first.</summary>
    /// <returns>The sites that could not be put back, and are therefore the new package.</returns>
    private static List<string> RollBack(List<Placement> placed)
    {
        var leftInPlace = new List<string>();
        for (var i = placed.Count - 1; i >= 0; i--)
        {
            var placement = placed[i];
            try
            {
                Directory.Move(placement.Destination, placement.Staged);
                if (placement.Previous is { } previous)
                {
                    Directory.Move(previous, placement.Destination);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Whatever happens, the site keeps a whole package: the new one if the old cannot go back.
                if (!Path.Exists(placement.Destination) && Directory.Exists(placement.Staged))
                {
                    TryMove(placement.Staged, placement.Destination);
                }

                leftInPlace.Add(placement.Destination);
            }
        }

        leftInPlace.Reverse();
        return leftInPlace;
    }

    private static RemediationGenException Failure(string outputDirectory, Exception ex, List<string> leftInPlace) =>
        new(
            ErrorKind.OutputFailed,
            $"Cannot write to '{outputDirectory}': {ex.Message}" + (leftInPlace.Count == 0
                ? " Nothing was written."
                : $" The sites already moved into place could not all be put back; these hold the new package: {string.Join(", ", leftInPlace)}."),
            ex);

    private static void WriteFiles(string siteFolder, RenderedPackage package)
    {
        foreach (var file in package.Files)
        {
            var path = Path.Combine(siteFolder, file.RelativePath.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, file.Content);
        }
    }

    private static void TryMove(string from, string to)
    {
        try
        {
            Directory.Move(from, to);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Reported by the caller: the site is named in the failure message.
        }
    }

    private static void DeleteIfEmpty(string folder)
    {
        try
        {
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only tidiness: an empty folder we created.
        }
    }

    private sealed record Placement(string Destination, string? Previous, string Staged);
}
