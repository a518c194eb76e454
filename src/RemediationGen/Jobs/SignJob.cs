using RemediationGen.Packaging;
using RemediationGen.Signing;
using RemediationGen.Verification;

namespace RemediationGen.Jobs;

/// <param name="Folder">The package folder, signed in place.</param>
internal sealed record SignJobResult(string Folder, int ScriptCount, SignerRecord Signer);

/// <summary>
/// <c>sign</c>: signs a package that was generated and reviewed unsigned, in place and atomically (the signed package
/// is written next to it and moved into place by <see cref="PackageWriter"/>). A package that does not verify against
/// its manifest changed since it was generated, and is refused: what is signed is what was reviewed.
/// </summary>
internal static class SignJob
{
    public static SignJobResult Run(string folder, SigningSource source, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(source);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var files = PackageFiles.Read(full);
        var report = PackageVerifier.Verify(folder, files, [], timeProvider);
        if (report.Signer is { } existing)
        {
            throw new RemediationGenException(
                ErrorKind.InvalidInput,
                $"Package '{folder}' is already signed by {existing.Subject} (thumbprint {existing.Thumbprint}); generate it again to sign it with another certificate.");
        }

        if (!report.Verified)
        {
            var more = report.Problems.Count > 1 ? $" (and {report.Problems.Count - 1} more: run verify)" : string.Empty;
            throw new RemediationGenException(
                ErrorKind.InvalidInput,
                $"Package '{folder}' does not match its manifest, so it changed since it was generated; nothing was signed. {report.Problems[0]}{more}");
        }

        using var session = source.Open(timeProvider);
        var signed = session.Sign(new RenderedPackage(Path.GetFileName(full), files));
        PackageWriter.Write(Path.GetDirectoryName(full)!, [signed], force: true);
        return new SignJobResult(folder, report.ScriptCount, SignerRecord.Of(session.Certificate.Certificate));
    }
}
