using RemediationGen.Templates;

namespace RemediationGen.Tests.Templates;

public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("| cell | break |", @"\| cell \| break \|")]
    [InlineData("# heading\n- item", @"\# heading - item")]
    [InlineData("<script>alert(1)</script>", @"\<script\>alert\(1\)\</script\>")]
    [InlineData("[link](http://x)", @"\[link\]\(http://x\)")]
    [InlineData("`code` *em* _u_", @"\`code\` \*em\* \_u\_")]
    [InlineData("C:\\ path", @"C:\\ path")]
    [InlineData("bell\u0007zero\u200Bwidth", @"bell\u0007zero\u200Bwidth")]
    public void Escape_MarkdownSyntax_BecomesText(string value, string expected)
    {
        Assert.Equal(expected, MarkdownText.Escape(value));
    }

    [Fact]
    public void Escape_Null_IsEmpty()
    {
        Assert.Equal(string.Empty, MarkdownText.Escape(null));
    }
}
