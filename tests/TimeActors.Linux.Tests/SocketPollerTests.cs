using System.Net;
using TimeActors.Linux.Sockets;

namespace TimeActors.Linux.Tests;

public sealed class SocketPollerTests
{
    [Fact]
    public void Wake_from_another_thread_ends_a_wait_without_timeout()
    {
        using var poller = new SocketPoller();
        using var waiting = new ManualResetEventSlim();
        var woken = false;
        var count = -1;
        var waiter = new Thread(() =>
        {
            Span<PollReady> ready = stackalloc PollReady[4];
            waiting.Set();
            count = poller.Wait(ready, -1, out woken);
        });
        waiter.Start();
        waiting.Wait();
        poller.Wake();

        Assert.True(waiter.Join(TimeSpan.FromSeconds(10)), "Wake did not end the infinite wait");
        Assert.True(woken);
        Assert.Equal(0, count);
    }

    [Fact]
    public void Recvmmsg_returns_several_queued_datagrams_in_one_call()
    {
        using var server = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), Role = TimestampingRole.Server }, Kernel.Support);
        using var client = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), Remote = server.LocalEndPoint }, Kernel.Support);
        using var batch = new MessageBatch(capacity: 8);
        for (byte i = 0; i < 5; i++)
        {
            client.Send([i, i]);
        }

        // Loopback delivers inside sendmsg, so all five are queued now.
        Assert.Equal(5, server.Receive(batch, ReceiveQueue.Normal));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(new[] { (byte)i, (byte)i }, batch.GetPayload(i).ToArray());
            batch.ParseControl(i, out var control);
            Assert.True(control.HasSoftwareTimestamp);
        }

        Assert.Equal(0, server.Receive(batch, ReceiveQueue.Normal));
        Assert.Equal(5, client.Receive(batch, ReceiveQueue.Error));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.GetPayload(5));
    }
}
