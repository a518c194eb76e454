namespace RemediationGen.Tests.Fuzz;

/// <summary>Strings that try to leave a PowerShell, INF or Markdown literal, or to confuse a reader or a parser.</summary>
internal static class Payloads
{
    public static readonly string[] Hostile =
    [
        "\"; Invoke-Pwned; #",
        "'; Invoke-Pwned; '",
        "$(Invoke-Pwned)",
        "`$(Invoke-Pwned)`",
        "\u2018; Invoke-Pwned; \u2019",
        "\u201C; Invoke-Pwned; \u201D",
        "\r\nInvoke-Pwned\r\n",
        "\nInvoke-Pwned #",
        "@\"\r\nInvoke-Pwned\r\n\"@",
        "#>\r\nInvoke-Pwned\r\n<#",
        "${env:COMPUTERNAME}",
        "\0Invoke-Pwned",
        "AB\\0\\0; Invoke-Pwned\\0",
        "[\"x\"]; Invoke-Pwned",
        "| Invoke-Pwned",
        "x\u0085Invoke-Pwned",
        "x\u2028Invoke-Pwned",
        "\u001B]0;title\u0007",
        new string('A', 5000),
        string.Empty,
        " ",
        "%SystemRoot%",
        "CN=x, O=\"y\"; Invoke-Pwned",
    ];

    public static string Pick(Random random) => Hostile[random.Next(Hostile.Length)];
}
