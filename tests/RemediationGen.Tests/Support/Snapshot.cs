using System.Runtime.CompilerServices;
using System.Text;

namespace RemediationGen.Tests.Support;

/// <summary>
/// Verify's conventions without Verify (not served by this project's registry): the expected text is
/// <c>Snapshots/&lt;Class&gt;.&lt;Name&gt;.verified.&lt;ext&gt;</c>, committed. On a mismatch (or when it does not exist
/// yet) the actual text is written beside it as <c>.received.&lt;ext&gt;</c> (git-ignored) and the test fails. Accept
/// a reviewed difference with <c>dotnet build src/RemediationGen.Cli -t:AcceptSnapshots</c>; nothing is accepted automatically.
/// </summary>
public static class Snapshot
{
    public static void Verify(string actual, string name, string extension = "txt", [CallerFilePath] string callerFile = "")
    {
        var className = Path.GetFileNameWithoutExtension(callerFile);
        var folder = Path.Combine(Repository.Root, "tests", "RemediationGen.Tests", "Snapshots");
        var verified = Path.Combine(folder, $"{className}.{name}.verified.{extension}");
        var received = Path.Combine(folder, $"{className}.{name}.received.{extension}");
        var normalized = actual.ReplaceLineEndings("\n");

        if (File.Exists(verified) && File.ReadAllText(verified, Encoding.UTF8) == normalized)
        {
            File.Delete(received);
            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(received, normalized, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        Assert.Fail(
            (File.Exists(verified) ? $"Snapshot {Path.GetFileName(verified)} differs." : $"Snapshot {Path.GetFileName(verified)} does not exist yet.")
            + $"\nWhat the test got is in {received}; review it (diff the two files), then accept with:\n"
            + "  dotnet build src/RemediationGen.Cli -t:AcceptSnapshots");
    }
}
