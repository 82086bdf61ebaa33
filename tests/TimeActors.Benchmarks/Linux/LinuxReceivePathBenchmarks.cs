using System.Net;
using BenchmarkDotNet.Attributes;
using TimeActors.Linux;
using TimeActors.Linux.Sockets;

namespace TimeActors.Benchmarks.Linux;

/// <summary>
/// The per-packet receive path: control-message parsing of kernel-shaped buffers, and a real
/// loopback datagram received with recvmmsg and parsed. MemoryDiagnoser must show 0 B per operation.
/// </summary>
[MemoryDiagnoser]
public class LinuxReceivePathBenchmarks
{
    private byte[] softwareRx = [];
    private byte[] hardwareRx = [];
    private byte[] txReport = [];
    private TimestampingUdpSocket? server;
    private TimestampingUdpSocket? client;
    private MessageBatch? batch;
    private byte[] payload = new byte[48];

    [GlobalSetup]
    public void Setup()
    {
        softwareRx = Control(
            (1, 37, Timestamps(1_700_000_000, 123, 0, 0)),
            (0, 8, [1, 0, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1]));
        hardwareRx = Control(
            (1, 37, Timestamps(0, 0, 1_700_000_000, 456)),
            (1, 58, [7, 0, 0, 0, 94, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            (0, 8, [7, 0, 0, 0, 10, 200, 0, 2, 10, 200, 0, 2]));
        txReport = Control(
            (1, 37, Timestamps(1_700_000_000, 789, 0, 0)),
            (0, 11, [42, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));

        var support = TimestampingSupport.Probe();
        server = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), Role = TimestampingRole.Server }, support);
        client = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), Remote = server.LocalEndPoint, Role = TimestampingRole.None }, support);
        batch = new MessageBatch(capacity: 16, payloadSize: 2048);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        batch?.Dispose();
        client?.Dispose();
        server?.Dispose();
    }

    [Benchmark]
    public long ParseSoftwareRx()
    {
        ControlMessageParser.Parse(softwareRx, out var data);
        return data.SoftwareTimestamp.Nanoseconds + data.PacketInfoInterfaceIndex;
    }

    [Benchmark]
    public long ParseHardwareRxWithPktInfo()
    {
        ControlMessageParser.Parse(hardwareRx, out var data);
        return data.HardwareTimestamp.Nanoseconds + data.Layer2Length;
    }

    [Benchmark]
    public long ParseTxReport()
    {
        ControlMessageParser.Parse(txReport, out var data);
        return data.IsTxTimestamp ? data.ExtendedError.TimestampId : -1;
    }

    /// <summary>Send one datagram over loopback, receive it with recvmmsg, parse stamp, source and payload.</summary>
    [Benchmark]
    public long ReceiveAndParseLoopbackDatagram()
    {
        client!.Send(payload);
        var count = server!.Receive(batch!, ReceiveQueue.Normal);
        long sum = 0;
        for (var i = 0; i < count; i++)
        {
            batch!.ParseControl(i, out var data);
            sum += data.SoftwareTimestamp.Nanoseconds + batch.GetSource(i).Port + batch.GetPayload(i).Length;
        }

        return sum;
    }

    private static byte[] Timestamps(long s0, long ns0, long s2, long ns2)
    {
        var bytes = new byte[48];
        BitConverter.TryWriteBytes(bytes.AsSpan(0), s0);
        BitConverter.TryWriteBytes(bytes.AsSpan(8), ns0);
        BitConverter.TryWriteBytes(bytes.AsSpan(32), s2);
        BitConverter.TryWriteBytes(bytes.AsSpan(40), ns2);
        return bytes;
    }

    private static byte[] Control(params (int Level, int Type, byte[] Data)[] messages)
    {
        var buffer = new List<byte>();
        foreach (var (level, type, data) in messages)
        {
            buffer.AddRange(BitConverter.GetBytes((ulong)(16 + data.Length)));
            buffer.AddRange(BitConverter.GetBytes(level));
            buffer.AddRange(BitConverter.GetBytes(type));
            buffer.AddRange(data);
            buffer.AddRange(new byte[((data.Length + 7) & ~7) - data.Length]);
        }

        return [.. buffer];
    }
}
