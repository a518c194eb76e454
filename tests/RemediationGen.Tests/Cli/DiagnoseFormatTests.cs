using RemediationGen.Cli;
using RemediationGen.Diagnosis;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Cli;

public sealed class DiagnoseFormatTests
{
    [Fact]
    public void Diagnose_OnlyResolvedFindings_Exit0AndSaysResolved()
    {
        // Given logs whose only finding a later success line resolved
        var run = CliRun.Of("diagnose", "--logs", Repository.Fixtures("logs", "pxe-password-certificate", "resolved"));

        // Then the finding is reported as resolved and the exit code says nothing is present
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.StartsWith("Read 2 log file(s), 17 line(s): 1 finding(s), 0 open, 1 resolved.\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("    Resolved by:\n", run.Output, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Fact]
    public void Diagnose_UnknownFormat_Exit2()
    {
        // Given a format the command does not know
        var run = CliRun.Of("diagnose", "--demo", "--format", "html");

        // Then it is a usage error naming the accepted values
        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("markdown", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_HostileLogValues_AreEscaped()
    {
        // Given a finding whose message and detail hold Markdown, HTML and a table cell break
        var evidence = new Evidence("logs/x|y.log", 3, null, null, "<img src=x onerror=alert(1)> [click](http://evil) | cell\nnext");
        var finding = new Finding("R", Severity.Error, "PS1", "dp01.contoso.com", true, "Summary *bold*", [evidence], 1)
        {
            Details = new Dictionary<string, string>(StringComparer.Ordinal) { ["thumbprint"] = "`code`" },
            Resolution = new Resolution(evidence, "fixed _now_"),
        };

        // When formatted as markdown
        var markdown = DiagnosisMarkdown.Format(new DiagnosisResult([finding], [], [], 1, 1));

        // Then no log value can open a tag, link, code span or table cell
        Assert.Contains("\\<img src=x onerror=alert(1)\\> \\[click\\](http://evil) \\| cell next", markdown, StringComparison.Ordinal);
        Assert.Contains("logs/x\\|y.log", markdown, StringComparison.Ordinal);
        Assert.Contains("- **thumbprint:** \\`code\\`", markdown, StringComparison.Ordinal);
        Assert.Contains("fixed \\_now\\_", markdown, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?<!\\)(<img|\[click|`code)", markdown);
    }

    [Fact]
    public void Text_ControlCharactersInMessages_AreShownEscaped()
    {
        // Given a message carrying a terminal escape sequence
        var evidence = new Evidence("x.log", 1, null, null, "bad \u001b[2J line");
        var finding = new Finding("R", Severity.Warning, null, null, false, "s", [evidence], 1);

        // When formatted as text
        var text = DiagnosisText.Format(new DiagnosisResult([finding], [], [], 1, 1));

        // Then the escape character is visible, not sent to the terminal
        Assert.Contains("bad \\u001B[2J line", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', text);
    }
}
