using TimeActors.Service.Network;
using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Tests.Network;

/// <summary>The Linux adapter on its own (no actors): sending and the receive path (poll, read, decode, deliver) allocate nothing per packet.</summary>
public sealed class LinuxNetworkPortTests
{
    [Fact]
    public void Sending_and_reading_datagrams_and_tx_stamps_allocates_nothing_per_packet()
    {
        using var port = new LinuxNetworkPort(new LinuxNetworkPortOptions { Name = "lo" });
        var server = new NetworkSocketId(1);
        var client = new NetworkSocketId(2);
        NetworkEndpoint bound = port.OpenServer(server, NetworkEndpoint.FromBytes([127, 0, 0, 1], 0), reusePort: false);
        port.OpenClient(client, bound);
        var sink = new CountingSink();
        byte[] payload = new byte[48];

        // Warm up (JIT, lazy buffers), then measure a steady run on this thread.
        Exchange(port, client, payload, sink, 20);
        sink.PollAllocatedBytes = 0;
        sink.SendAllocatedBytes = 0;
        int datagramsBefore = sink.Datagrams;
        int stampsBefore = sink.TxStamps;
        int kernelBefore = sink.KernelStamped;
        Exchange(port, client, payload, sink, 200);

        Assert.Equal(200, sink.Datagrams - datagramsBefore);
        Assert.Equal(200, sink.KernelStamped - kernelBefore);
        Assert.Equal(200, sink.TxStamps - stampsBefore);
        Assert.Equal(0, sink.PollAllocatedBytes);
        Assert.Equal(0, sink.SendAllocatedBytes);
    }

    /// <summary>
    /// A client socket in the epoll set while its request is sent makes the kernel wake our blocked
    /// poll thread from inside sendmsg, after the software TX stamp (T1) and before the packet goes
    /// on: that lengthened the request leg by 5-13 us on veth and biased offsets by half of it. The
    /// socket joins the set after the send, and its stamp and reply still arrive.
    /// </summary>
    [Fact]
    public void A_client_socket_joins_the_epoll_set_after_its_first_send_and_still_gets_its_stamp_and_reply()
    {
        using var port = new LinuxNetworkPort(new LinuxNetworkPortOptions { Name = "lo" });
        var server = new NetworkSocketId(1);
        var client = new NetworkSocketId(2);
        NetworkEndpoint bound = port.OpenServer(server, NetworkEndpoint.FromBytes([127, 0, 0, 1], 0), reusePort: false);
        port.OpenClient(client, bound);
        Assert.True(port.IsPolled(server));
        Assert.False(port.IsPolled(client), "a client socket was polled before its request was sent");

        var sink = new RecordingSink();
        var receipt = port.Send(client, new byte[48], requestTxStamp: true);
        Assert.True(receipt.Sent && receipt.TxStampRequested);
        Assert.True(port.IsPolled(client));

        // The request reaches the server socket; its reply goes back to the client's address.
        PollUntil(port, sink, () => sink.From(server) is not null);
        NetworkEndpoint clientAddress = sink.From(server)!.Value;
        Assert.True(port.Send(server, new byte[48], requestTxStamp: false, clientAddress).Sent);
        PollUntil(port, sink, () => sink.StampFor(client) is not null && sink.From(client) is not null);

        Assert.Equal(TimestampSource.Kernel, sink.StampFor(client)!.Value.Source);
        Assert.Equal(bound.Port, sink.From(client)!.Value.Port);
        port.Close(client);
        Assert.False(port.IsPolled(client));
    }

    private static void PollUntil(LinuxNetworkPort port, INetworkEventSink sink, Func<bool> done)
    {
        for (int i = 0; i < 50 && !done(); i++)
        {
            port.Poll(sink, TimeSpan.FromMilliseconds(100));
        }

        Assert.True(done(), "the expected events did not arrive");
    }

    private static void Exchange(LinuxNetworkPort port, NetworkSocketId client, byte[] payload, CountingSink sink, int count)
    {
        int wantDatagrams = sink.Datagrams + count;
        int wantStamps = sink.TxStamps + count;
        long sendBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < count; i++)
        {
            port.Send(client, payload, requestTxStamp: true);
        }

        sink.SendAllocatedBytes += GC.GetAllocatedBytesForCurrentThread() - sendBefore;

        while (sink.Datagrams < wantDatagrams || sink.TxStamps < wantStamps)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            port.Poll(sink, TimeSpan.FromSeconds(5));
            sink.PollAllocatedBytes += GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }

    private sealed class CountingSink : INetworkEventSink
    {
        public int Datagrams { get; private set; }

        public int TxStamps { get; private set; }

        public int KernelStamped { get; private set; }

        public long PollAllocatedBytes { get; set; }

        public long SendAllocatedBytes { get; set; }

        public void OnDatagram(in NetworkDatagram datagram)
        {
            Datagrams++;
            if (datagram.RxStamp.Source == TimestampSource.Kernel)
            {
                KernelStamped++;
            }
        }

        public void OnTxStamp(NetworkSocketId socket, uint txId, PacketTimestamp stamp) => TxStamps++;

        public void OnSocketError(NetworkSocketId socket, int errno, NetworkEndpoint offender)
        {
        }
    }

    private sealed class RecordingSink : INetworkEventSink
    {
        private readonly Dictionary<long, NetworkEndpoint> _from = [];
        private readonly Dictionary<long, PacketTimestamp> _stamps = [];

        public NetworkEndpoint? From(NetworkSocketId socket) => _from.TryGetValue(socket.Value, out var remote) ? remote : null;

        public PacketTimestamp? StampFor(NetworkSocketId socket) => _stamps.TryGetValue(socket.Value, out var stamp) ? stamp : null;

        public void OnDatagram(in NetworkDatagram datagram) => _from[datagram.Socket.Value] = datagram.Remote;

        public void OnTxStamp(NetworkSocketId socket, uint txId, PacketTimestamp stamp) => _stamps[socket.Value] = stamp;

        public void OnSocketError(NetworkSocketId socket, int errno, NetworkEndpoint offender)
        {
        }
    }
}
