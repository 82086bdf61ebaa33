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
}
