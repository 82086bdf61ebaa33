using System.Net;
using TimeActors.Linux.Sockets;

namespace TimeActors.Linux.Tests;

/// <summary>sendmmsg batches on loopback: every message arrives, and only those asked for are TX-stamped.</summary>
public sealed class SendBatchTests
{
    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("127.0.0.1", true)]
    public void A_batch_reaches_each_destination_and_stamps_only_the_messages_that_ask(string address, bool callerIds)
    {
        var loopback = IPAddress.Parse(address);
        using var server = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(loopback, 0), Role = TimestampingRole.Server }, Kernel.Support);
        using var peerA = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(loopback, 0), Role = TimestampingRole.None }, Kernel.Support);
        using var peerB = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(loopback, 0), Role = TimestampingRole.None }, Kernel.Support);
        using var send = new DatagramSendBatch(capacity: 8, payloadSize: 48);
        using var receive = new MessageBatch();

        var before = KernelClocks.ReadRealtime().TotalNanoseconds;
        var peers = new[] { peerA, peerB };
        for (var i = 0; i < 6; i++)
        {
            var payload = send.NextPayload;
            payload[0] = (byte)i;
            payload[1] = 0xEE;
            var stamp = i % 3 == 1 ? TxStampRequest.Requested : TxStampRequest.RoleDefault;
            uint? id = callerIds ? 0xB000_0000u + (uint)i : null;
            Assert.Equal(i, send.Commit(2, InetEndpoint.FromIPEndPoint(peers[i % 2].LocalEndPoint), new SendOptions(stamp, id)));
        }

        Assert.Equal(6, server.SendBatch(send));
        var after = KernelClocks.ReadRealtime().TotalNanoseconds;

        var ids = new List<uint>();
        for (var i = 0; i < 6; i++)
        {
            Assert.True(send.TryGetResult(i, out var result, out var errno), $"message {i} failed with errno {errno}");
            Assert.Equal(2, result.BytesSent);
            Assert.Equal(i % 3 == 1, result.TxTimestampRequested);
            if (result.TxTimestampRequested)
            {
                ids.Add(result.TxId);
            }
        }

        // The kernel numbers stamped datagrams only (0, 1) unless the caller chose the ids (6.13+).
        var expectedIds = callerIds && Kernel.Support.CallerTxIds ? new[] { 0xB000_0001u, 0xB000_0004u } : [0u, 1u];
        Assert.Equal(expectedIds, ids);

        Assert.Equal([0, 2, 4], ReadFirstBytes(peerA, receive, 3));
        Assert.Equal([1, 3, 5], ReadFirstBytes(peerB, receive, 3));
        var stamps = Kernel.ReadTxStamps(server, receive, 2);
        // Nothing more: the unstamped messages left no report.
        Assert.Equal(0, server.Receive(receive, ReceiveQueue.Error));
        Assert.Equal(expectedIds.Order(), stamps.Keys.Order());
        Assert.All(stamps.Values, t => Assert.InRange(t, before, after));
    }

    [Fact]
    public void A_message_the_kernel_refuses_is_reported_and_the_rest_still_go()
    {
        using var server = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), Role = TimestampingRole.Server }, Kernel.Support);
        using var peer = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), Role = TimestampingRole.None }, Kernel.Support);
        using var send = new DatagramSendBatch(capacity: 4, payloadSize: 16);
        using var receive = new MessageBatch();

        send.NextPayload[0] = 1;
        send.Commit(1, InetEndpoint.FromIPEndPoint(peer.LocalEndPoint));
        send.NextPayload[0] = 2;
        send.Commit(1, InetEndpoint.FromIPEndPoint(new IPEndPoint(IPAddress.IPv6Loopback, 9))); // wrong family for an IPv4 socket
        send.NextPayload[0] = 3;
        send.Commit(1, InetEndpoint.FromIPEndPoint(peer.LocalEndPoint));

        Assert.Equal(2, server.SendBatch(send));
        Assert.True(send.TryGetResult(0, out _, out _));
        Assert.False(send.TryGetResult(1, out _, out var errno));
        Assert.NotEqual(0, errno);
        Assert.True(send.TryGetResult(2, out _, out _));
        Assert.Equal([1, 3], ReadFirstBytes(peer, receive, 2));

        send.Clear();
        Assert.Equal(0, send.Count);
    }

    [Theory]
    [InlineData("0.0.0.0", "127.0.0.1", "127.0.0.2", "127.0.0.3")]
    [InlineData("::", "::1", "::1", "::1")]
    public void Each_message_leaves_from_the_source_address_it_names(string wildcard, string peerAddress, string sourceA, string sourceB)
    {
        // The load generator's many-clients mode: one wildcard-bound socket, a source per message.
        using var sender = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Parse(wildcard), 0), Role = TimestampingRole.Server }, Kernel.Support);
        using var peer = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Parse(peerAddress), 0), Role = TimestampingRole.None }, Kernel.Support);
        using var send = new DatagramSendBatch(capacity: 4, payloadSize: 16);
        using var receive = new MessageBatch();
        var destination = InetEndpoint.FromIPEndPoint(peer.LocalEndPoint);
        var sources = new[] { IPAddress.Parse(sourceA), IPAddress.Parse(sourceB), IPAddress.Parse(sourceA) };
        for (var i = 0; i < sources.Length; i++)
        {
            send.NextPayload[0] = (byte)i;
            send.Commit(1, destination, new SendOptions(Source: InetEndpoint.FromAddress(sources[i], 0)));
        }

        Assert.Equal(3, sender.SendBatch(send));

        var seen = new Dictionary<int, IPAddress>();
        using var poller = new SocketPoller();
        poller.Add(peer, 7);
        var deadline = Environment.TickCount64 + 5000;
        while (seen.Count < sources.Length && Environment.TickCount64 < deadline)
        {
            var count = peer.Receive(receive, ReceiveQueue.Normal);
            for (var i = 0; i < count; i++)
            {
                var from = receive.GetSource(i);
                Assert.Equal(sender.LocalEndPoint.Port, from.Port);
                seen.Add(receive.GetPayload(i)[0], from.ToIPAddress());
            }

            if (seen.Count < sources.Length)
            {
                Kernel.WaitFor(poller, 7);
            }
        }

        Assert.Equal(sources, Enumerable.Range(0, sources.Length).Select(i => seen[i]));
    }

    [Fact]
    public void Buffer_full_is_told_apart_from_a_message_s_own_error()
    {
        Assert.True(DatagramSendBatch.IsBufferFull(11)); // EAGAIN
        Assert.True(DatagramSendBatch.IsBufferFull(105)); // ENOBUFS
        Assert.False(DatagramSendBatch.IsBufferFull(111)); // ECONNREFUSED
        Assert.False(DatagramSendBatch.IsBufferFull(0));
    }

    [Fact]
    public void A_thread_pinned_to_a_cpu_runs_only_there()
    {
        var allowed = LinuxThreads.AllowedProcessors();
        Assert.NotEmpty(allowed);
        var target = allowed[^1];
        int[]? seen = null;
        var thread = new Thread(() =>
        {
            LinuxThreads.PinCurrentThread(target);
            seen = LinuxThreads.AllowedProcessors();
        });
        thread.Start();
        thread.Join();
        Assert.Equal([target], seen!);
        Assert.Equal(allowed, LinuxThreads.AllowedProcessors()); // the test thread is untouched
    }

    private static List<int> ReadFirstBytes(TimestampingUdpSocket socket, MessageBatch batch, int expected)
    {
        using var poller = new SocketPoller();
        poller.Add(socket, 5);
        var seen = new List<int>();
        var deadline = Environment.TickCount64 + 5000;
        while (seen.Count < expected && Environment.TickCount64 < deadline)
        {
            var count = socket.Receive(batch, ReceiveQueue.Normal);
            for (var i = 0; i < count; i++)
            {
                seen.Add(batch.GetPayload(i)[0]);
            }

            if (seen.Count < expected)
            {
                Kernel.WaitFor(poller, 5);
            }
        }

        return seen;
    }
}
