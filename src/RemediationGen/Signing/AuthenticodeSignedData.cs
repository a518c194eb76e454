using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RemediationGen.Signing;

/// <summary>
/// The PKCS#7 SignedData of an Authenticode signature, written directly in DER: SignedCms writes CMS (RFC 5652), whose
/// eContent is an OCTET STRING, while Authenticode is PKCS#7 v1.5 and (osslsigncode's
/// <c>sign_spc_indirect_data_content</c>) puts the SpcIndirectDataContent in the content info as it is, and hashes it
/// without its tag and length. Reading it back, SignedCms handles that form (ScriptSignatureVerifier).
/// Signed attributes: contentType (SPC_INDIRECT_DATA_OBJID), messageDigest, SpcStatementType (individual) and an
/// empty SpcSpOpusInfo, as signtool writes them. No signingTime attribute: with RSA PKCS#1 v1.5 the signature, and so
/// the whole block, depends only on the script and the certificate, and a regenerated package is byte-identical.
/// </summary>
internal static class AuthenticodeSignedData
{
    /// <param name="timestamp">When given, counter-signs the signature value (RFC 3161) into the unsigned attributes.</param>
    public static byte[] Create(byte[] indirectDataContent, CodeSigningCertificate signer, TimestampClient? timestamp = null)
    {
        var signedAttributes = EncodeSignedAttributes(indirectDataContent);
        using var key = signer.Certificate.GetRSAPrivateKey()
            ?? throw new InvalidOperationException("The signer has no RSA private key; CodeSigningCertificate checks that.");
        var signature = key.SignData(signedAttributes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var timestampToken = timestamp?.Timestamp(signature);

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(AuthenticodeOids.SignedData);
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            using (writer.PushSequence())
            {
                writer.WriteInteger(1);
                using (writer.PushSetOf())
                {
                    SpcIndirectData.WriteSha256Algorithm(writer);
                }

                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(AuthenticodeOids.SpcIndirectDataContent);
                    using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                    {
                        writer.WriteEncodedValue(indirectDataContent);
                    }
                }

                using (writer.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                {
                    foreach (var certificate in signer.EmbeddedCertificates)
                    {
                        writer.WriteEncodedValue(certificate.RawData);
                    }
                }

                using (writer.PushSetOf())
                {
                    WriteSignerInfo(writer, signer.Certificate, signedAttributes, signature, timestampToken);
                }
            }
        }

        return writer.Encode();
    }

    private static void WriteSignerInfo(AsnWriter writer, X509Certificate2 certificate, byte[] signedAttributes, byte[] signature, byte[]? timestampToken)
    {
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            using (writer.PushSequence())
            {
                writer.WriteEncodedValue(certificate.IssuerName.RawData);
                writer.WriteInteger(new BigInteger(certificate.SerialNumberBytes.Span, isUnsigned: true, isBigEndian: true));
            }

            SpcIndirectData.WriteSha256Algorithm(writer);

            // The attributes were signed as a SET OF (tag 0x31); in the SignerInfo they are [0] IMPLICIT.
            writer.WriteEncodedValue([0xA0, .. signedAttributes.AsSpan(1)]);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(AuthenticodeOids.RsaEncryption);
                writer.WriteNull();
            }

            writer.WriteOctetString(signature);
            if (timestampToken is not null)
            {
                // unauthenticatedAttributes [1] IMPLICIT: the RFC 3161 token, as osslsigncode and signtool /tr put it.
                using (writer.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
                {
                    WriteAttribute(writer, AuthenticodeOids.SpcRfc3161Timestamp, w => w.WriteEncodedValue(timestampToken));
                }
            }
        }
    }

    private static byte[] EncodeSignedAttributes(byte[] indirectDataContent)
    {
        // Authenticode's messageDigest covers the SpcIndirectDataContent's value, without its SEQUENCE tag and length.
        var contentValue = SequenceValue(indirectDataContent).ToArray();
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSetOf())
        {
            WriteAttribute(writer, AuthenticodeOids.ContentType, w => w.WriteObjectIdentifier(AuthenticodeOids.SpcIndirectDataContent));
            WriteAttribute(writer, AuthenticodeOids.MessageDigest, w => w.WriteOctetString(SHA256.HashData(contentValue)));
            WriteAttribute(writer, AuthenticodeOids.SpcStatementType, w =>
            {
                using (w.PushSequence())
                {
                    w.WriteObjectIdentifier(AuthenticodeOids.IndividualCodeSigning);
                }
            });
            WriteAttribute(writer, AuthenticodeOids.SpcSpOpusInfo, w => w.PushSequence().Dispose());
        }

        return writer.Encode();
    }

    /// <summary>A DER value's contents: the bytes after its tag and length.</summary>
    internal static ReadOnlySpan<byte> SequenceValue(ReadOnlySpan<byte> encoded)
    {
        AsnDecoder.ReadEncodedValue(encoded, AsnEncodingRules.BER, out var contentOffset, out var contentLength, out _);
        return encoded.Slice(contentOffset, contentLength);
    }

    private static void WriteAttribute(AsnWriter writer, string oid, Action<AsnWriter> writeValue)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            using (writer.PushSetOf())
            {
                writeValue(writer);
            }
        }
    }
}
