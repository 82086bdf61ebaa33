using System.Net;
using System.Net.Sockets;
using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Wire;

namespace TimeActors.Service.Tests.Server;

/// <summary>A bare UDP client speaking NTP through Timing's wire code, for driving the server over loopback.</summary>
internal sealed class NtpTestClient : IDisposable
{
    private readonly UdpClient _udp;
    private ulong _nonce = 0x5EED_0000_0000_0001;

    public NtpTestClient(NetworkEndpoint server)
    {
        _udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        _udp.Client.ReceiveTimeout = 5000;
        _udp.Connect(server.ToIPEndPoint());
    }

    /// <summary>Datagrams waiting to be read (a loopback send is queued before sendmsg returns).</summary>
    public int Available => _udp.Available;

    public NtpHeader Request(NtpTimestamp origin = default, NtpTimestamp receive = default)
    {
        var request = new NtpHeader(
            LeapIndicator.NoWarning, 4, NtpMode.Client, 0, 6, -20, NtpShort.Zero, NtpShort.Zero, 0,
            NtpTimestamp.Zero, origin, receive, new NtpTimestamp(_nonce++ << 1)); // low bit clear: a basic transmit nonce
        var bytes = new byte[NtpHeader.Length];
        request.WriteTo(bytes);
        _udp.Send(bytes);
        return request;
    }

    public void SendRaw(byte[] bytes) => _udp.Send(bytes);

    public NtpHeader Receive()
    {
        IPEndPoint? from = null;
        byte[] bytes = _udp.Receive(ref from);
        Assert.Equal(NtpParseError.None, NtpPacket.TryParse(bytes, out _));
        return NtpHeader.ReadFrom(bytes);
    }

    public void Dispose() => _udp.Dispose();
}
