using RemediationGen.Templates;

namespace RemediationGen.Tests.Templates;

public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("| cell | break |", @"\| cell \| break \|")]
    [InlineData("# heading\n- item", @"\# heading - item")]
    [InlineData("<script>alert(1)</script>", @"\<script\>alert(1)\</script\>")]
    [InlineData("[link](http://x)", @"\[link\](http://x)")]
    [InlineData("`code` *em* _u_", @"\`code\` \*em\* \_u\_")]
    [InlineData("C:\\ path", @"C:\ path")]
    [InlineData(@"\\cm01\SMS_PS1\Logs and day(s)", @"\\\cm01\SMS_PS1\Logs and day(s)")]
    [InlineData(@"ends with \", @"ends with \\")]
    [InlineData(@"a\*b", @"a\\\*b")]
    [InlineData("> quote", @"\> quote")]
    [InlineData("1986. a year", @"1986\. a year")]
    [InlineData("+ item", @"\+ item")]
    [InlineData("0.1.0", "0.1.0")]
    [InlineData("bell\u0007zero\u200Bwidth", @"bell\u0007zero\u200Bwidth")]
    public void Escape_MarkdownSyntax_BecomesText(string value, string expected)
    {
        Assert.Equal(expected, MarkdownText.Escape(value));
    }

    [Theory]
    [InlineData(@"\\cm01\SMS_PS1\Logs", false, @"\\cm01\SMS_PS1\Logs")]
    [InlineData("a`b\nc", false, "a'b c")]
    [InlineData("a|b", true, @"a\|b")]
    [InlineData("a|b", false, "a|b")]
    public void CodeSpan_IsLiteral_AndCannotCloseTheSpan(string value, bool inTableRow, string expected)
    {
        Assert.Equal(expected, MarkdownText.CodeSpan(value, inTableRow));
    }

    [Theory]
    [InlineData("path `", true)]
    [InlineData("`a` and `", true)]
    [InlineData("`a` and ", false)]
    [InlineData(@"\` escaped", false)]
    [InlineData(@"x\\`", true)]
    public void IsInCodeSpan_CountsUnescapedBackticks(string line, bool expected)
    {
        Assert.Equal(expected, MarkdownText.IsInCodeSpan(line));
    }

    [Fact]
    public void Escape_Null_IsEmpty()
    {
        Assert.Equal(string.Empty, MarkdownText.Escape(null));
    }
}
