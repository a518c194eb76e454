using RemediationGen.Templates;

namespace RemediationGen.Tests.Templates;

public sealed class PowerShellLiteralTests
{
    /// <summary>Values that would run code or break out of a string if they reached a script unescaped.</summary>
    public static TheoryData<string> HostileValues => new()
    {
        "a'b",
        "'; Remove-Item -Recurse -Force C:\\ ; '",
        "\u2018; Invoke-Pwned; \u2019",
        "\u201A\u201B",
        "$(Invoke-Pwned)",
        "${env:ComputerName}",
        "`$x`n",
        "a;b",
        "line1\nline2\r\n#>",
        "\"double\" \\\" quotes\\",
        "\t\0\u001b[31m",
        "caf\u00e9 \U0001F600",
        string.Empty,
    };

    [Theory]
    [MemberData(nameof(HostileValues))]
    public void ForString_AnyValue_RoundTripsAsData(string value)
    {
        // When
        var literal = PowerShellLiteral.ForString(value);

        // Then: the independent decoder reads back exactly the value, and the text is 7-bit printable ASCII.
        Assert.Equal(value, PowerShellLiteralDecoder.DecodeString(literal));
        Assert.All(literal, c => Assert.InRange(c, ' ', '~'));
    }

    [Fact]
    public void ForString_PlainAscii_IsOneSingleQuotedString()
    {
        Assert.Equal("'dp01.contoso.com'", PowerShellLiteral.ForString("dp01.contoso.com"));
        Assert.Equal("'it''s'", PowerShellLiteral.ForString("it's"));
        Assert.Equal("''", PowerShellLiteral.ForString(string.Empty));
    }

    [Fact]
    public void ForString_LeadingNonAscii_StartsWithEmptyStringSoPlusConcatenates()
    {
        // [char] + [char] would add numbers in PowerShell; a leading '' makes the whole expression a string.
        Assert.Equal("('' + [char]0x2018 + [char]0x2019)", PowerShellLiteral.ForString("\u2018\u2019"));
        Assert.Equal("('a' + [char]0x000A + 'b')", PowerShellLiteral.ForString("a\nb"));
    }

    [Fact]
    public void From_ListOfHostileValues_IsAnArrayOfLiterals()
    {
        var values = new[] { "ok", "'; exit 0; '", "\u2019" };

        var literal = PowerShellLiteral.From(values);

        Assert.Equal("@('ok', '''; exit 0; ''', ('' + [char]0x2019))", literal);
        Assert.Equal(values, PowerShellLiteralDecoder.DecodeList(literal));
    }

    [Fact]
    public void From_ScalarsAndEmptyList_AreLiterals()
    {
        Assert.Equal("$true", PowerShellLiteral.From(true));
        Assert.Equal("$false", PowerShellLiteral.From(false));
        Assert.Equal("$null", PowerShellLiteral.From(null));
        Assert.Equal("258", PowerShellLiteral.From(258));
        Assert.Equal("@()", PowerShellLiteral.From(Array.Empty<string>()));
    }

    [Fact]
    public void From_UnsupportedType_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => PowerShellLiteral.From(new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc)));
        Assert.StartsWith("A DateTime cannot be written into a script", ex.Message, StringComparison.Ordinal);
    }
}
