using System.Net;
using System.Net.Sockets;
using TimeActors.EndToEnd.Tests.Harness;
using TimeActors.Linux;
using TimeActors.Timing.Wire;

namespace TimeActors.EndToEnd.Tests.Faults;

/// <summary>
/// A tiny NTP "server" in a testbed namespace whose every answer is scripted: a normal response,
/// a Kiss-o'-Death (RATE, DENY), a response with a wrong origin, or silence. It answers with user
/// space (not kernel) stamps; it exists to drive a client into fault paths, not to serve time.
/// </summary>
public sealed class ScriptedNtpServer : IDisposable
{
    private readonly Socket _socket;
    private readonly Thread _thread;
    private readonly Func<NtpHeader, byte[]?> _answer;
    private volatile bool _stopping;
    private int _requests;

    /// <param name="answer">Given each request's header, the bytes to send back, or null to stay silent.</param>
    public ScriptedNtpServer(TestbedNode node, Func<NtpHeader, byte[]?> answer, int port = 123)
    {
        _answer = answer;
        _socket = NetworkNamespace.Run(node.Namespace, () =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(node.Address, port));
            return socket;
        });
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _thread = new Thread(Serve) { IsBackground = true, Name = $"scripted NTP {EndPoint}" };
        _thread.Start();
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Requests received so far (including ones answered with silence).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Answers like a synchronised stratum-1 server.</summary>
    public static byte[]? Normal(NtpHeader request) => NtpPackets.ServerResponse(request.Transmit);

    /// <summary>Answers every request with a KoD carrying <paramref name="code"/> (e.g. <see cref="KissCode.Rate"/>).</summary>
    public static Func<NtpHeader, byte[]?> KissOfDeath(uint code) => request => NtpPackets.KissOfDeath(code, request.Transmit);

    /// <summary>
    /// Answers with an origin timestamp exactly one second before the request's transmit timestamp,
    /// so it matches no request. A client that checks the origin drops it; one that trusts it
    /// (ntpdig does) computes an offset 0.5 s too high.
    /// </summary>
    public static byte[]? WrongOrigin(NtpHeader request) => NtpPackets.ServerResponse(new NtpTimestamp(request.Transmit.Raw - (1UL << 32)));

    public void Dispose()
    {
        _stopping = true;
        _socket.Dispose(); // unblocks ReceiveFrom
        _thread.Join();
    }

    private void Serve()
    {
        var buffer = new byte[2048];
        EndPoint client = new IPEndPoint(IPAddress.Any, 0);
        while (!_stopping)
        {
            int length;
            try
            {
                length = _socket.ReceiveFrom(buffer, ref client);
            }
            catch (Exception e) when (_stopping && e is SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            if (length < NtpHeader.Length)
            {
                continue; // truncated requests get no answer, as from a real server
            }

            var response = _answer(NtpHeader.ReadFrom(buffer.AsSpan(0, length)));
            if (response is not null)
            {
                _socket.SendTo(response, client);
            }
        }
    }
}
