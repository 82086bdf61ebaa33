using System.Net;
using System.Net.Sockets;
using TimeActors.EndToEnd.Tests.Chrony;
using TimeActors.EndToEnd.Tests.Faults;
using TimeActors.EndToEnd.Tests.Harness;
using TimeActors.EndToEnd.Tests.NtpTools;
using TimeActors.Linux;
using TimeActors.Timing.Wire;

namespace TimeActors.EndToEnd.Tests.SelfTests;

/// <summary>The fault injector's datagrams arrive exactly as described, from the claimed source.</summary>
public sealed class UdpFaultInjectorTests
{
    [Fact]
    public void Garbage_truncated_and_spoofed_datagrams_arrive_as_sent()
    {
        using var testbed = NetworkTestbed.Create();
        using var receiver = NetworkNamespace.Run(testbed.B.Namespace, () =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(testbed.B.Address, 0));
            socket.ReceiveTimeout = 5000;
            return socket;
        });
        var target = (IPEndPoint)receiver.LocalEndPoint!;
        using var injector = new UdpFaultInjector(testbed.A);

        var garbage = injector.SendGarbage(target, 300, seed: 7);
        var (bytes, from) = Receive(receiver);
        Assert.Equal(garbage, bytes);
        Assert.Equal(injector.LocalEndPoint, from);
        Assert.Equal(garbage, injector.SendGarbage(target, 300, seed: 7)); // reproducible
        Receive(receiver);

        var truncated = injector.SendTruncatedNtp(target, 20);
        (bytes, _) = Receive(receiver);
        Assert.Equal(truncated, bytes);
        Assert.Equal(20, bytes.Length);
        Assert.Equal(0x23, bytes[0]); // LI 0, version 4, mode 3 (client)

        // The forged source is the server's port 123 on node A, and an address no node has.
        foreach (var spoofed in new[] { new IPEndPoint(testbed.A.Address, 123), new IPEndPoint(IPAddress.Parse("10.200.0.77"), 4242) })
        {
            var origin = new NtpTimestamp(0x0123_4567_89AB_CDEFUL);
            var response = injector.SendSpoofedResponse(spoofed, target, origin);
            (bytes, from) = Receive(receiver);
            Assert.Equal(spoofed, from);
            Assert.Equal(response, bytes);
            var header = NtpHeader.ReadFrom(bytes);
            Assert.Equal(NtpMode.Server, header.Mode);
            Assert.Equal(origin, header.Origin);
        }
    }

    [Fact]
    public void A_chronyd_server_keeps_answering_after_garbage_and_truncated_requests()
    {
        using var testbed = NetworkTestbed.Create();
        using var server = ChronydProcess.Start(testbed, testbed.A, ChronyConfig.Server(), "server");
        using var injector = new UdpFaultInjector(testbed.B);
        var port = testbed.A.EndPoint(123);

        for (var i = 0; i < 50; i++)
        {
            injector.SendGarbage(port, 1 + (i * 7 % 200), seed: i);
            injector.SendTruncatedNtp(port, i % NtpHeader.Length);
        }

        var result = NtpDig.Query(testbed, testbed.B, "10.200.0.1");
        Assert.True(result.Accepted, result.ToString());
        Assert.True(server.IsRunning);
        var stats = server.ServerStats();
        Assert.True(stats.NtpReceived + stats.NtpDropped >= 1, stats.ToString());
    }

    private static (byte[] Bytes, IPEndPoint From) Receive(Socket socket)
    {
        var buffer = new byte[2048];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        var length = socket.ReceiveFrom(buffer, ref from);
        return (buffer[..length], (IPEndPoint)from);
    }
}
