using System.Diagnostics;
using System.Text;
using RemediationGen.Facts;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Facts;

/// <summary>Issue 10 items 3 (facts side), 5, 11, 12 and 13: facts input that used to crash, hang or mislead.</summary>
public sealed class FactsFileFaultTests
{
    private static string ErrorOf(byte[] json) =>
        Assert.Throws<RemediationGenException>(() => FactsFile.Parse(json, "facts.json", "facts.json")).Message;

    private static byte[] Site(string siteFields) =>
        Encoding.UTF8.GetBytes($$"""{ "schemaVersion": 1, "sites": [ { "siteCode": "PS1", {{siteFields}} } ] }""");

    [Fact]
    public void InvalidUtf8InAString_Exit2NamingTheField()
    {
        var json = Site("\"issuingCertificateList\": \"AB\u0001CD\"");
        json[Array.IndexOf(json, (byte)1)] = 0xFF;

        Assert.Equal("Facts file 'facts.json': sites[0].issuingCertificateList: is not valid Unicode text (invalid UTF-8, or a lone surrogate).", ErrorOf(json));
    }

    [Fact]
    public void LoneSurrogateEscape_Exit2NamingTheField()
    {
        Assert.Equal(
            "Facts file 'facts.json': sites[0].managementPoints[0]: is not valid Unicode text (invalid UTF-8, or a lone surrogate).",
            ErrorOf(Site("\"managementPoints\": [ \"mp\\ud800.contoso.com\" ]")));
    }

    [Fact]
    public void InvalidUtf8InAFieldName_Exit2()
    {
        var json = Site("\"x\u0001\": 1");
        json[Array.IndexOf(json, (byte)1)] = 0xC0;

        Assert.Equal("Facts file 'facts.json': sites[0]: a field name is not valid Unicode text (invalid UTF-8, or a lone surrogate).", ErrorOf(json));
    }

    [Fact]
    public void DuplicateKey_IsRefused()
    {
        Assert.Equal(
            "Facts file 'facts.json': sites[0].siteCode: appears more than once in the same object; a reader would see one value and RemediationGen use another.",
            ErrorOf(Site("\"siteCode\": \"PS9\"")));
    }

    [Fact]
    public void DuplicateKeyAtTheRoot_IsRefused()
    {
        Assert.Equal(
            "Facts file 'facts.json': schemaVersion: appears more than once in the same object; a reader would see one value and RemediationGen use another.",
            ErrorOf(Encoding.UTF8.GetBytes("""{ "schemaVersion": 1, "schemaVersion": 1, "sites": [] }""")));
    }

    [Fact]
    public void AmtSubjectWithALeadingNul_IsValidatedWholly()
    {
        var message = ErrorOf(Site("""
            "outOfBandManagement": { "servicePoint": "oob.contoso.com",
              "provisioningCertificateSubject": { "organization": "\u0000\"; Invoke-Pwned; #", "locality": "Paris", "state": "Ile de France", "country": "FR" } }
            """));

        Assert.StartsWith("Facts file 'facts.json': sites[0].outOfBandManagement.provisioningCertificateSubject.organization: organization '", message, StringComparison.Ordinal);
        Assert.Contains("use letters, digits, spaces and . - & ' only", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyPath_Exit2()
    {
        var ex = Assert.Throws<RemediationGenException>(() => FactsFile.Read(string.Empty));

        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Equal("The facts file path is empty; name a facts file.", ex.Message);
    }

    [UnixFact]
    public async Task Read_Fifo_IsRefusedWithoutBlocking()
    {
        using var folder = new TempDirectory();
        var fifo = folder.Combine("facts.json");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
        }

        var read = Task.Run(() => Assert.Throws<RemediationGenException>(() => FactsFile.Read(fifo)));

        var ex = await read.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal($"Facts file '{fifo}' is not a regular file (a pipe, device or socket); give a facts file.", ex.Message);
    }

    [Fact]
    public void Read_LargerThanTheCap_Exit2()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("facts.json");
        using (var file = File.Create(path))
        {
            file.SetLength((64L * 1024 * 1024) + 1);
        }

        var ex = Assert.Throws<RemediationGenException>(() => FactsFile.Read(path));

        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Equal($"Facts file '{path}' is larger than 64 MiB, far more than a hierarchy's facts; is it the right file?", ex.Message);
    }

    [UnixFact]
    public async Task Read_DevZero_StopsAtTheCap()
    {

        var ex = await Task.Run(() => Assert.Throws<RemediationGenException>(() => FactsFile.Read("/dev/zero"))).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.StartsWith("Facts file '/dev/zero' is ", ex.Message, StringComparison.Ordinal);
    }

    [UnixFact]
    public async Task IsFactsFile_Fifo_IsNotOursAndDoesNotBlock()
    {
        using var folder = new TempDirectory();
        var fifo = folder.Combine("facts.json");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
        }

        Assert.False(await Task.Run(() => FactsFile.IsFactsFile(fifo)).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    /// <summary>Found by bench/fuzz.sh (seed 1734): open(2) returns an int, read as a native int its -1 became a bad handle.</summary>
    [Theory]
    [InlineData("missing.json")]
    [InlineData("Server=x;Pwd=\"a\"\"b\"")]
    public void Read_MissingFile_SaysSo(string name)
    {
        using var folder = new TempDirectory();
        var path = folder.Combine(name);

        var ex = Assert.Throws<RemediationGenException>(() => FactsFile.Read(path));

        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.StartsWith($"Facts file '{path}' cannot be read: Could not find file ", ex.Message, StringComparison.Ordinal);
    }
}
