using System.Net;
using System.Net.Sockets;

namespace RemediationGen.Tests.Facts;

/// <summary>
/// A loopback listener that accepts one connection, reads the client's first TDS packet (its PRELOGIN), answers with
/// fixed bytes and closes. It runs on a dedicated thread: a thread-pool task could start after the client's connect
/// timeout when parallel tests keep the pool busy.
/// </summary>
internal sealed class FakeTdsPeer : IDisposable
{
    private const int HeaderLength = 8;
    private readonly TcpListener _listener;
    private readonly Thread _thread;
    private readonly byte[] _reply;
    private volatile bool _served;

    private FakeTdsPeer(byte[] reply)
    {
        _reply = reply;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _thread = new Thread(Serve) { IsBackground = true, Name = nameof(FakeTdsPeer) };
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static FakeTdsPeer Start(byte[] reply)
    {
        var peer = new FakeTdsPeer(reply);
        peer._thread.Start();
        return peer;
    }

    /// <summary>True once the peer has read the client's packet and sent its reply.</summary>
    public bool Served(TimeSpan timeout) => _thread.Join(timeout) && _served;

    public void Dispose() => _listener.Stop();

    private void Serve()
    {
        try
        {
            using var client = _listener.AcceptTcpClient();
            var stream = client.GetStream();
            stream.ReadTimeout = 10_000;
            var header = new byte[HeaderLength];
            stream.ReadExactly(header);
            var packetLength = (header[2] << 8) | header[3];
            stream.ReadExactly(new byte[Math.Max(0, packetLength - HeaderLength)]);
            stream.Write(_reply);
            stream.Flush();
            _served = true;
            client.Client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException)
        {
            // The client gave up first; Served reports it.
        }
    }
}
