using System.Net;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using TimeActors.Linux;
using TimeActors.Linux.Sockets;

namespace TimeActors.Benchmarks.Linux;

/// <summary>
/// One NTP-sized request/response over loopback through the timestamping sockets, as the service does
/// it: client send (TX stamped), server epoll wait + recvmmsg + parse + response with a per-message TX
/// stamp and caller id, client epoll wait + recvmmsg + parse, both error queues drained.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentileConfig))]
public class LinuxLoopbackRttBenchmarks
{
    private readonly byte[] request = new byte[48];
    private readonly byte[] response = new byte[48];
    private readonly PollReady[] ready = new PollReady[4];
    private TimestampingUdpSocket? server;
    private TimestampingUdpSocket? client;
    private SocketPoller? serverPoller;
    private SocketPoller? clientPoller;
    private MessageBatch? serverBatch;
    private MessageBatch? clientBatch;
    private uint nextId;

    [GlobalSetup]
    public void Setup()
    {
        var support = TimestampingSupport.Probe();
        server = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), Role = TimestampingRole.Server }, support);
        client = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), Remote = server.LocalEndPoint }, support);
        serverPoller = new SocketPoller();
        serverPoller.Add(server, 1);
        clientPoller = new SocketPoller();
        clientPoller.Add(client, 2, PollEvents.Readable);
        serverBatch = new MessageBatch(capacity: 4, payloadSize: 512);
        clientBatch = new MessageBatch(capacity: 4, payloadSize: 512);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        serverBatch?.Dispose();
        clientBatch?.Dispose();
        serverPoller?.Dispose();
        clientPoller?.Dispose();
        client?.Dispose();
        server?.Dispose();
    }

    [Benchmark]
    public long RequestResponse()
    {
        var t1 = KernelClocks.ReadRealtime().TotalNanoseconds;
        client!.Send(request);
        long stamps = 0;
        while (true)
        {
            serverPoller!.Wait(ready, 1000, out _);
            var count = server!.Receive(serverBatch!, ReceiveQueue.Normal);
            if (count > 0)
            {
                serverBatch!.ParseControl(0, out var rx);
                stamps += rx.SoftwareTimestamp.Nanoseconds;
                server.SendTo(response, serverBatch.GetSource(0), new SendOptions(TxStampRequest.Requested, nextId++));
                break;
            }
        }

        while (client.Receive(clientBatch!, ReceiveQueue.Normal) == 0)
        {
            clientPoller!.Wait(ready, 1000, out _);
        }

        clientBatch!.ParseControl(0, out var clientRx);
        var t4 = KernelClocks.ReadRealtime().TotalNanoseconds;
        client.Receive(clientBatch, ReceiveQueue.Error);
        server.Receive(serverBatch!, ReceiveQueue.Error);
        return stamps + clientRx.SoftwareTimestamp.Nanoseconds + (t4 - t1);
    }

    private sealed class PercentileConfig : ManualConfig
    {
        public PercentileConfig() => AddColumn(StatisticColumn.P50, StatisticColumn.P90, StatisticColumn.P95);
    }
}
