using RemediationGen.Problems.IssuingCertificateList;

namespace RemediationGen.Tests.Problems.IssuingCertificateList;

public sealed class RegistryWriteMethodChooserTests
{
    [Theory]
    [InlineData("3082ABCDEF", nameof(RegistryWriteMethod.RegExe))]
    [InlineData("has space; and % and ^ and '", nameof(RegistryWriteMethod.RegExe))]
    [InlineData("has \"quote\"", nameof(RegistryWriteMethod.RegistryApi))]
    [InlineData("ends with backslash\\", nameof(RegistryWriteMethod.RegistryApi))]
    [InlineData("line\nbreak", nameof(RegistryWriteMethod.RegistryApi))]
    public void Choose_ByContent(string entry, string expected)
    {
        Assert.Equal(Enum.Parse<RegistryWriteMethod>(expected), RegistryWriteMethodChooser.Choose([entry]).Method);
    }

    [Fact]
    public void Choose_AtTheCommandLineLimit_SwitchesToTheRegistryApi()
    {
        var atLimit = new string('A', RegistryWriteMethodChooser.MaxRegExeDataLength);
        var overLimit = atLimit + "A";

        Assert.Equal(RegistryWriteMethod.RegExe, RegistryWriteMethodChooser.Choose([atLimit]).Method);
        var (method, reason) = RegistryWriteMethodChooser.Choose([overLimit]);
        Assert.Equal(RegistryWriteMethod.RegistryApi, method);
        Assert.Equal("the value is 32,256 characters long; with REG.exe the command line would exceed Windows' 32,767-character limit", reason);
    }

    [Fact]
    public void Choose_CountsTheSeparatorsRegExeReceives()
    {
        // Two entries are joined by the two characters \0, so they add to the command line too.
        var half = new string('A', RegistryWriteMethodChooser.MaxRegExeDataLength / 2);

        Assert.Equal(RegistryWriteMethod.RegistryApi, RegistryWriteMethodChooser.Choose([half, half]).Method);
    }
}
