using TimeActors.Actors;
using TimeActors.Service.Network;
using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Tests.Network.Phc;

/// <summary>
/// A scripted port playing a NIC with hardware timestamping: each datagram or TX stamp carries a raw PHC
/// stamp and a kernel software stamp, and the port picks between them exactly as
/// <see cref="LinuxNetworkPort"/> does (<see cref="HardwareStampConversion"/> through the PHC model,
/// else the kernel stamp). Virtual time; events are signalled with <see cref="EventsReady"/>.
/// </summary>
internal sealed class HardwareStampPort(IScheduler scheduler, IHardwareClockModel model) : INetworkPort
{
    private readonly Queue<Action<INetworkEventSink>> _events = new();

    public string Name => "fake0";

    public bool CanBlock => false;

    public bool HardwareTimestamping => true;

    public Action? EventsReady { get; set; }

    public SystemTime ReadClock() => new((scheduler.Now - DateTimeOffset.UnixEpoch).Ticks * 100);

    public void OpenClient(NetworkSocketId id, NetworkEndpoint remote)
    {
    }

    public NetworkEndpoint OpenServer(NetworkSocketId id, NetworkEndpoint local, bool reusePort) => local;

    public NetworkSendReceipt Send(NetworkSocketId id, ReadOnlySpan<byte> payload, bool requestTxStamp, NetworkEndpoint? destination = null) =>
        new(true, true, 1, ReadClock(), 0);

    public void Close(NetworkSocketId id)
    {
    }

    public int Poll(INetworkEventSink sink, TimeSpan timeout)
    {
        int delivered = 0;
        while (true)
        {
            Action<INetworkEventSink> next;
            lock (_events)
            {
                if (!_events.TryDequeue(out next!))
                {
                    return delivered;
                }
            }

            next(sink);
            delivered++;
        }
    }

    public void Wake()
    {
    }

    public void Dispose()
    {
    }

    /// <summary>A datagram from <paramref name="remote"/> whose NIC stamp reads <paramref name="phcNs"/>; the kernel stamped it at <paramref name="kernel"/>.</summary>
    public void DeliverDatagram(NetworkSocketId socket, NetworkEndpoint remote, byte[] payload, long phcNs, SystemTime kernel) =>
        Enqueue(sink =>
        {
            var rx = HardwareStampConversion.TryConvert(model, phcNs, receive: true, 0, payload.Length, !remote.IsIPv4, out var hardware)
                ? hardware
                : new PacketTimestamp(kernel, TimestampSource.Kernel, TimeInterval.Zero);
            sink.OnDatagram(new NetworkDatagram(socket, remote, default, 1, payload, rx));
        });

    public void DeliverTxStamp(NetworkSocketId socket, uint txId, long phcNs, SystemTime kernel) =>
        Enqueue(sink =>
        {
            var tx = HardwareStampConversion.TryConvert(model, phcNs, receive: false, 0, 0, false, out var hardware)
                ? hardware
                : new PacketTimestamp(kernel, TimestampSource.Kernel, TimeInterval.Zero);
            sink.OnTxStamp(socket, txId, tx);
        });

    private void Enqueue(Action<INetworkEventSink> deliver)
    {
        lock (_events)
        {
            _events.Enqueue(deliver);
        }

        EventsReady?.Invoke();
    }
}
