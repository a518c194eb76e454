using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;

namespace RemediationGen.Signing;

/// <summary>
/// Asks an RFC 3161 time-stamping authority to countersign a signature, as osslsigncode's <c>-ts</c> does: the
/// request holds SHA-256 of the SignerInfo's signature value, a nonce, and asks for the TSA's certificate; the token
/// comes back as a SignedData that goes into the SignerInfo's unsigned attributes (SPC_RFC3161_OBJID). The reply is
/// checked against the request (hash, nonce) before it is used.
/// </summary>
internal sealed class TimestampClient(Uri url, HttpClient httpClient)
{
    public Uri Url { get; } = url;

    /// <returns>The DER of the timestamp token (a ContentInfo of SignedData).</returns>
    public byte[] Timestamp(byte[] signatureValue)
    {
        var request = Rfc3161TimestampRequest.CreateFromHash(
            SHA256.HashData(signatureValue),
            HashAlgorithmName.SHA256,
            nonce: RandomNumberGenerator.GetBytes(8),
            requestSignerCertificates: true);
        byte[] reply;
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new ByteArrayContent(request.Encode()) };
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
            using var response = httpClient.Send(message);
            if (!response.IsSuccessStatusCode)
            {
                throw Failed($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            using var body = response.Content.ReadAsStream();
            using var copy = new MemoryStream();
            body.CopyTo(copy);
            reply = copy.ToArray();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            throw Failed(ex.Message, ex);
        }

        try
        {
            return request.ProcessResponse(reply, out _).AsSignedCms().Encode();
        }
        catch (CryptographicException ex)
        {
            throw Failed($"its reply is not a valid timestamp for the request ({ex.Message})", ex);
        }
    }

    private RemediationGenException Failed(string reason, Exception? inner = null) =>
        new(ErrorKind.InvalidInput, $"Timestamp server '{Url}' failed: {reason}. Nothing was written.", inner);
}
