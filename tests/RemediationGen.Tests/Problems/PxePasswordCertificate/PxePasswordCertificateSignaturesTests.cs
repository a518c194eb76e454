using RemediationGen.Problems.PxePasswordCertificate;

namespace RemediationGen.Tests.Problems.PxePasswordCertificate;

/// <summary>
/// <see cref="PxePasswordCertificateSignatures.MayPrecedeValidation"/>: a validation record whose message also holds
/// what another of the rule's records needs is never thinned away as only a validation.
/// </summary>
public sealed class PxePasswordCertificateSignaturesTests
{
    [Theory]
    [InlineData("Begin validation of Certificate [Thumbprint AB] issued to 'x' FAILED TO GET THE ENCRYPTED PXE PASSWORD")]
    [InlineData("processing dp settings change for DP1 Begin validation of Certificate [Thumbprint AB]")]
    [InlineData("DPID 32 - nal path [x], Begin validation of Certificate [Thumbprint AB]")]
    [InlineData("DP registry settings have been successfully updated on DP1; Begin validation of Certificate [Thumbprint AB]")]
    [InlineData("dp cert query: exec spupdatedpcert n'DP1' Begin validation of Certificate [Thumbprint AB]")]
    [InlineData("Begin validation of Certificate [Thumbprint AB] issued to 'x' HAS EXPIRED")]
    public void MayPrecedeValidation_AMessageWithAnotherRecordsText_InAnyCase_IsTrue(string message) =>
        Assert.True(PxePasswordCertificateSignatures.MayPrecedeValidation(message));

    [Theory]
    [InlineData("Begin validation of Certificate [Thumbprint 0123456789ABCDEF] issued to '{8D2A8F5D-1B2C-4D3E-9F00-112233445566}'")]
    [InlineData("")]
    [InlineData("Failed to get the encrypted PXE passwor")]
    public void MayPrecedeValidation_AValidationAlone_IsFalse(string message) =>
        Assert.False(PxePasswordCertificateSignatures.MayPrecedeValidation(message));
}
