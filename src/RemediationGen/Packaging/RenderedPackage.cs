namespace RemediationGen.Packaging;

/// <summary>A file of a package, exactly as it will be written.</summary>
/// <param name="RelativePath">Path inside the site folder, with '/' separators.</param>
internal sealed record RenderedFile(string RelativePath, byte[] Content);

/// <summary>One site's package, rendered in memory: nothing touches the disk until every site rendered.</summary>
internal sealed record RenderedPackage(string SiteCode, IReadOnlyList<RenderedFile> Files);
