namespace RemediationGen.Problems.IssuingCertificateList;

/// <summary>How a remediation writes a REG_MULTI_SZ value, chosen when the script is generated.</summary>
internal enum RegistryWriteMethod
{
    /// <summary><c>REG.exe ADD … /t REG_MULTI_SZ /d … /f /reg:64</c>, as the KB documents.</summary>
    RegExe,

    /// <summary>The .NET registry API on the 64-bit view, when REG.exe cannot receive the value intact.</summary>
    RegistryApi,
}

/// <summary>
/// Chooses the write method for a REG_MULTI_SZ value. Windows PowerShell 5.1 passes native arguments by wrapping them
/// in double quotes without escaping, so a double quote inside the value, or a backslash at its end (which would
/// escape the closing quote), reaches REG.exe changed; REG.exe itself treats the two characters <c>\0</c> as its
/// separator (entries never hold it: they are split on it); and CreateProcess limits a command line to 32,767 characters.
/// </summary>
internal static class RegistryWriteMethodChooser
{
    /// <summary>CreateProcess limit, less room for the REG.exe path and the fixed arguments on any Windows folder.</summary>
    public const int MaxRegExeDataLength = 32_767 - 512;

    public static (RegistryWriteMethod Method, string Reason) Choose(IReadOnlyList<string> entries)
    {
        var data = string.Join(@"\0", entries);
        if (data.Length > MaxRegExeDataLength)
        {
            return (RegistryWriteMethod.RegistryApi,
                $"the value is {data.Length:N0} characters long; with REG.exe the command line would exceed Windows' 32,767-character limit");
        }

        if (data.Contains('"', StringComparison.Ordinal))
        {
            return (RegistryWriteMethod.RegistryApi, "the value holds a double quote, which Windows PowerShell 5.1 cannot pass to REG.exe intact");
        }

        if (data.EndsWith('\\'))
        {
            return (RegistryWriteMethod.RegistryApi, "the value ends with a backslash, which would escape the closing quote of REG.exe's argument");
        }

        if (data.Any(char.IsControl))
        {
            return (RegistryWriteMethod.RegistryApi, "the value holds control characters, which a command line cannot carry safely");
        }

        return (RegistryWriteMethod.RegExe, "REG.exe ADD, as KB 4469580 documents");
    }
}
