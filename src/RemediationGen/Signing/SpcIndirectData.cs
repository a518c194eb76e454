using System.Formats.Asn1;

namespace RemediationGen.Signing;

/// <summary>
/// SpcIndirectDataContent for a PowerShell script, as osslsigncode builds it (<c>script_spc_sip_info_get</c>,
/// <c>spc_indirect_data_content_get</c>): data = { SPC_SIPINFO_OBJID, SpcSipInfo { 65536, PowerShell SIP GUID,
/// 0, 0, 0, 0, 0 } }, messageDigest = DigestInfo { SHA-256, the script digest }.
/// </summary>
internal static class SpcIndirectData
{
    public static byte[] Encode(byte[] scriptDigest)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(AuthenticodeOids.SpcSipInfo);
                using (writer.PushSequence())
                {
                    writer.WriteInteger(65536);
                    writer.WriteOctetString(AuthenticodeOids.PowerShellSipGuid);
                    for (var i = 0; i < 5; i++)
                    {
                        writer.WriteInteger(0);
                    }
                }
            }

            using (writer.PushSequence())
            {
                WriteSha256Algorithm(writer);
                writer.WriteOctetString(scriptDigest);
            }
        }

        return writer.Encode();
    }

    /// <summary>The SIP GUID and the digest an SpcIndirectDataContent holds; false when it is not one for a script with SHA-256.</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> encoded, out byte[] digest)
    {
        digest = [];
        try
        {
            var content = new AsnReader(encoded, AsnEncodingRules.BER).ReadSequence();
            var data = content.ReadSequence();
            if (data.ReadObjectIdentifier() != AuthenticodeOids.SpcSipInfo)
            {
                return false;
            }

            var sipInfo = data.ReadSequence();
            sipInfo.ReadInteger();
            if (!sipInfo.ReadOctetString().AsSpan().SequenceEqual(AuthenticodeOids.PowerShellSipGuid))
            {
                return false;
            }

            var digestInfo = content.ReadSequence();
            if (digestInfo.ReadSequence().ReadObjectIdentifier() != AuthenticodeOids.Sha256)
            {
                return false;
            }

            digest = digestInfo.ReadOctetString();
            return true;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    public static void WriteSha256Algorithm(AsnWriter writer)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(AuthenticodeOids.Sha256);
            writer.WriteNull();
        }
    }
}
