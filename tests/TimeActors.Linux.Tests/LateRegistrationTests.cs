using System.Net;
using TimeActors.Linux.Sockets;

namespace TimeActors.Linux.Tests;

/// <summary>
/// The network port adds a client socket to its epoll set only after the request has been sent (so
/// the TX-stamp wake-up of the poll thread does not run between T1 and the packet leaving). That is
/// safe only if EPOLL_CTL_ADD reports what is already queued: checked here on loopback, where both
/// the TX stamp and the reply are queued before the registration.
/// </summary>
public sealed class LateRegistrationTests
{
    [Fact]
    public void A_socket_registered_after_its_send_is_ready_at_once_for_the_queued_tx_stamp_and_reply()
    {
        using var server = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), Role = TimestampingRole.Server }, Kernel.Support);
        using var client = TimestampingUdpSocket.Open(
            new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), Remote = server.LocalEndPoint, Role = TimestampingRole.Client },
            Kernel.Support);
        using var batch = new MessageBatch(capacity: 4);
        using var poller = new SocketPoller();

        var sent = client.Send(new byte[48], new SendOptions(TxStampRequest.Requested));
        Assert.True(sent.TxTimestampRequested);
        Assert.Equal(1, server.Receive(batch, ReceiveQueue.Normal)); // loopback delivers inside sendmsg
        server.SendTo(new byte[48], InetEndpoint.FromIPEndPoint(client.LocalEndPoint));

        poller.Add(client, token: 7);
        Span<PollReady> ready = stackalloc PollReady[4];
        var count = poller.Wait(ready, timeoutMs: 0, out _);

        Assert.Equal(1, count);
        Assert.Equal(7UL, ready[0].Token);
        Assert.True(ready[0].ErrorQueueReady, $"TX stamp queued before the registration not reported: {ready[0].Events}");
        Assert.True(ready[0].NormalQueueReady, $"reply queued before the registration not reported: {ready[0].Events}");
        Assert.Equal(1, client.Receive(batch, ReceiveQueue.Error));
        batch.ParseControl(0, out var stamp);
        Assert.True(stamp.IsTxTimestamp && stamp.HasSoftwareTimestamp);
        Assert.Equal(1, client.Receive(batch, ReceiveQueue.Normal));
    }
}
