namespace RemediationGen.Tests.Scripts;

/// <summary>A secret fed to a script appears nowhere: not in any stream, not in any file the run left (transcript, state, logs).</summary>
public static class Secrets
{
    public static void AssertNowhere(string secret, ScriptRun run)
    {
        if (secret.Length == 0)
        {
            return;
        }

        Assert.DoesNotContain(secret, run.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, string.Join("\n", run.World.Calls), StringComparison.Ordinal);
        foreach (var file in Directory.EnumerateFiles(run.World.Root, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.False(Contains(bytes, System.Text.Encoding.UTF8.GetBytes(secret)) || Contains(bytes, System.Text.Encoding.Unicode.GetBytes(secret)), "The secret is written in " + file);
        }
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
