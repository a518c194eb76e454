using RemediationGen.Logs;

namespace RemediationGen.Tests.Logs;

/// <summary>The scan's search: each signature's rarest part first, the whole signature confirmed around it.</summary>
public sealed class LogSignaturesTests
{
    [Theory]
    [InlineData("Failed to validate PXEClientKey certificate", "PXEClientKey certificate")]
    [InlineData("DP cert query: EXEC spUpdateDPCert N'", "DPCert N'")]
    [InlineData("Failed to get the encrypted PXE password", "rypted PXE password")]
    [InlineData("Remove unused provision certificate with hash ", "rovision certificate with hash ")]
    [InlineData("Successfully got the copy of Security registry key on server ", "opy of Security registry key on server ")]
    [InlineData("800B0101", "00B0101")]
    [InlineData("80092002", "80092002")]
    [InlineData("Found new provision server certificate with hash ", "rovision server certificate with hash ")]
    [InlineData("Invalid provision certificate", "rovision certificate")]
    [InlineData("Begin validation of Certificate [Thumbprint ", "Begin validation of Certificate [Thumbprint ")]
    public void StartOf_ARuleSignature_SkipsItsCommonOpeningWords(string signature, string anchor)
    {
        // When the anchor of a signature is picked, then it is its rare part, up to its end
        Assert.Equal(anchor, signature[SignatureAnchors.StartOf(signature)..]);
    }

    [Theory]
    [InlineData("Remove unused content PS100833 from dp03.contoso.com.", -1)]
    [InlineData("Remove unused provision certificate with hash 0A1B", 0)]
    [InlineData("x REMOVE UNUSED PROVISION CERTIFICATE WITH HASH 0A1B", 2)]
    [InlineData("provision certificate with hash 0A1B (its start is missing)", -1)]
    [InlineData("Begin validation of Certificate [Thumbprint 0A] issued to 'dp1'", 0)]
    [InlineData("SMSPXE: Begin validation of Certificate [Thumbprint", -1)]
    public void IndexOfSignature_OnALine_FindsOnlyWholeSignatures(string line, int expected)
    {
        // Given every rule's signatures
        var signatures = TestLogs.CoreSignatures;

        // When a line is searched, then only a whole signature counts, at its start, ignoring case
        Assert.Equal(expected, signatures.IndexOfSignature(line));
    }

    [Fact]
    public void IndexOfSignature_WithLength_GivesTheLengthOfTheSignatureFound()
    {
        // Given two signatures of different lengths
        var signatures = LogSignatures.Create(["800B0101", "Failed to validate PXEClientKey certificate"]);

        // When lines are searched, then each hit comes with its signature's length, and a miss with 0
        Assert.Equal(3, signatures.IndexOfSignature("x: failed to validate pxeclientkey certificate (0x800B0101)", out var length));
        Assert.Equal(43, length);
        Assert.Equal(-1, signatures.IndexOfSignature("nothing here", out length));
        Assert.Equal(0, length);
    }

    [Theory]
    [InlineData("spx", "SPX")]
    [InlineData("spx", "\u017Fpx")]
    [InlineData("ipx", "\u0131px")]
    [InlineData("kpx", "\u212Apx")]
    [InlineData("spx", "tpx")]
    public void IndexOfSignature_FirstCharacterFilter_AgreesWithOrdinalIgnoreCase(string signature, string line)
    {
        // Given a signature whose anchor starts with a letter that non-ASCII letters may equal, ignoring case
        var signatures = LogSignatures.Create([signature]);

        // When a line is searched, then the scan finds it exactly where the whole-signature search (Matches) does
        Assert.Equal(line.AsSpan().IndexOfAny(System.Buffers.SearchValues.Create([signature], StringComparison.OrdinalIgnoreCase)), signatures.IndexOfSignature(line));
    }

    [Fact]
    public void IndexOfSignature_AnchorWithoutItsSignatureFirst_FindsTheSignatureAfterIt()
    {
        // Given a text in which an anchor without its opening words comes before a whole signature
        var signatures = LogSignatures.Create(["Remove unused provision certificate with hash "]);
        const string text = "provision certificate with hash 1\nRemove unused provision certificate with hash 2\n";

        // When searched, then the search goes on past the false candidate
        Assert.Equal(34, signatures.IndexOfSignature(text));
    }
}
