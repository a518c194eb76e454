using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RemediationGen.Tests.Signing;

/// <summary>
/// An RFC 3161 time-stamping server on 127.0.0.1: an HTTP listener that hands each query to <c>openssl ts -reply</c>
/// with <see cref="TestCertificates.TimestampAuthority"/>, so the timestamp comes from an independent implementation.
/// </summary>
internal sealed class LoopbackTimestampAuthority : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _config;
    private readonly Task _serving;

    public LoopbackTimestampAuthority()
    {
        var certificates = TestCertificates.Shared;
        var folder = Path.Combine(certificates.Folder, "tsa-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "serial"), "01\n");
        _config = Path.Combine(folder, "tsa.cnf");
        File.WriteAllText(_config, $"""
            [ tsa ]
            default_tsa = tsa_config
            [ tsa_config ]
            serial = {Path.Combine(folder, "serial")}
            crypto_device = builtin
            signer_cert = {certificates.TimestampAuthority.CertificatePem}
            certs = {certificates.CaPem}
            signer_key = {certificates.TimestampAuthority.KeyPem}
            signer_digest = sha256
            default_policy = 1.2.3.4.1
            digests = sha256, sha384, sha512
            accuracy = secs:1
            ordering = yes
            tsa_name = yes
            ess_cert_id_chain = no
            ess_cert_id_alg = sha256
            """);
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/tsa/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _serving = Task.Run(Serve);
    }

    public Uri Url { get; }

    public int Requests { get; private set; }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under a pending GetContext: that is how serving ends.
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private void Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = _listener.GetContext();
            }
            catch (HttpListenerException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            using var query = new MemoryStream();
            context.Request.InputStream.CopyTo(query);
            var reply = Reply(query.ToArray());
            Requests++;
            context.Response.ContentType = "application/timestamp-reply";
            context.Response.OutputStream.Write(reply);
            context.Response.Close();
        }
    }

    private byte[] Reply(byte[] query)
    {
        var queryFile = Path.GetTempFileName();
        var replyFile = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(queryFile, query);
            var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "ts", "-reply", "-config", _config, "-queryfile", queryFile, "-out", replyFile })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"openssl ts -reply failed: {output.Result}{error}");
            }

            return File.ReadAllBytes(replyFile);
        }
        finally
        {
            File.Delete(queryFile);
            File.Delete(replyFile);
        }
    }
}
