using RemediationGen.Facts;

namespace RemediationGen.Jobs;

internal sealed record CollectJobOptions(FactsSource.Sql Source, string OutputFile, bool Force);

internal sealed record CollectJobResult(HierarchyFacts Facts, string OutputFile);

/// <summary><c>collect</c>: read the site database once and keep the facts as a file for offline generation and review.</summary>
internal static class CollectJob
{
    public static CollectJobResult Run(CollectJobOptions options, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(options.OutputFile))
        {
            throw new RemediationGenException(ErrorKind.InvalidInput, "The output file (--out) is empty; name a file for the facts.");
        }

        if (Directory.Exists(options.OutputFile))
        {
            throw new RemediationGenException(ErrorKind.OutputConflict, $"'{options.OutputFile}' is a folder; give a file name for the facts.");
        }

        if (File.Exists(options.OutputFile) && !options.Force)
        {
            throw new RemediationGenException(ErrorKind.OutputConflict, $"'{options.OutputFile}' already exists; add --force to replace it.");
        }

        // As for package folders: --force replaces our own output only, never a file of anything else.
        if (File.Exists(options.OutputFile) && !FactsFile.IsFactsFile(options.OutputFile))
        {
            throw new RemediationGenException(
                ErrorKind.OutputConflict,
                $"'{options.OutputFile}' is not a RemediationGen facts file (no schemaVersion and sites); it is never replaced, even with --force. Choose another --out.");
        }

        var facts = FactsLoader.Load(options.Source, timeProvider, cancellationToken);
        var bytes = FactsFile.Serialize(facts);
        var folder = Path.GetDirectoryName(Path.GetFullPath(options.OutputFile))!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(options.OutputFile)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, options.OutputFile, overwrite: options.Force);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            throw new RemediationGenException(ErrorKind.OutputFailed, $"Cannot write '{options.OutputFile}': {ex.Message}", ex);
        }

        return new CollectJobResult(facts, options.OutputFile);
    }
}
