using System.Net;
using TimeActors.Actors;
using TimeActors.Timing.Hardware;
using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Simulation.Tests;

/// <summary>
/// The simulated port as the interface actor sees it: a send is stamped by the kernel at once, by the
/// NIC a little later (after the kernel's stamp, so it is acceptable) and delivered after its latency;
/// the response comes at its exact arrival time with the clock's reading then.
/// </summary>
public sealed class NetworkPortTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Kernel_then_hardware_tx_stamp_then_the_response_stamped_at_its_arrival()
    {
        var scheduler = new VirtualScheduler(Start);
        var timeline = new SimulationTimeline(scheduler);
        var clock = new SimulatedSystemClock(timeline, new SimulatedClockOptions { InitialOffsetSeconds = 0.01, FrequencyOffset = 50e-6, Wander = 0 }, new SimRandom(1));
        var link = new LinkOptions { BaseDelaySeconds = 100e-6, JitterSeconds = 100e-6 };
        var server = new SimulatedServer(new SimulatedServerOptions { Address = "192.0.2.1" }, timeline, new DelayModel(link, new SimRandom(2)), null, new SimRandom(3));
        var nicOptions = new SimulatedNicOptions { PhcOffsetSeconds = 5, StampJitterSeconds = 10e-9, TxStampLatency = new TxStampLatency { MinSeconds = 20e-6, MaxSeconds = 50e-6 } };
        var nic = new SimulatedNic(nicOptions, timeline, clock, new SimRandom(4));
        var (model, reader) = WarmModel(scheduler, nic);
        var readings = new PhcClockReading[25];
        using var port = new SimulatedNetworkPort("eth0", timeline, scheduler, clock, [server], nic, model);
        var sink = new RecordingSink();
        var socket = new NetworkSocketId(1);
        port.OpenClient(socket, server.Endpoint);

        var request = new byte[48];
        new NtpHeader(LeapIndicator.NoWarning, 4, NtpMode.Client, 0, 6, 0, NtpShort.Zero, NtpShort.Zero, 0, NtpTimestamp.Zero, NtpTimestamp.Zero, NtpTimestamp.Zero, new NtpTimestamp(42)).WriteTo(request);
        for (int i = 0; i < 200; i++)
        {
            sink.Clear();
            var receipt = port.Send(socket, request, requestTxStamp: true);
            Assert.True(receipt.Sent);
            port.Poll(sink, TimeSpan.Zero);
            var kernel = Assert.Single(sink.TxStamps);
            Assert.Equal(TimestampSource.Kernel, kernel.Source);
            Assert.Equal(receipt.DaemonTime, kernel.Time);

            scheduler.Advance(TimeSpan.FromMilliseconds(0.06)); // past the HW latency, before any response
            port.Poll(sink, TimeSpan.Zero);
            var hardware = sink.TxStamps[1];
            Assert.Equal(TimestampSource.Hardware, hardware.Source);
            long after = hardware.Time.UnixNanoseconds - kernel.Time.UnixNanoseconds;
            Assert.InRange(after, 1000 - 150, 1000 + 150); // tx-path-delay 1 µs; stamp noise and the PHC fit, well within it
            Assert.Empty(sink.Datagrams);

            scheduler.Advance(TimeSpan.FromMilliseconds(20));
            port.Poll(sink, TimeSpan.Zero);
            var (rx, rxSource) = Assert.Single(sink.Datagrams);
            Assert.Equal(TimestampSource.Hardware, rxSource);

            // Round trip on the client's clock: at least 2 × 100 µs, 1 µs path, at the clock's rate.
            double rtt = (rx.UnixNanoseconds - kernel.Time.UnixNanoseconds) / 1e9;
            Assert.InRange(rtt, 201e-6 * (1 + 50e-6) - 50e-9, 20e-3);
            scheduler.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(20.06));
            model.AddReadings(readings.AsSpan(0, reader.Read(readings))); // the PHC poller's once a second
        }
    }

    [Fact]
    public void Events_for_a_closed_socket_are_dropped()
    {
        var scheduler = new VirtualScheduler(Start);
        var timeline = new SimulationTimeline(scheduler);
        var clock = new SimulatedSystemClock(timeline, new SimulatedClockOptions(), new SimRandom(1));
        var server = new SimulatedServer(new SimulatedServerOptions { Address = "192.0.2.1" }, timeline, new DelayModel(new LinkOptions(), new SimRandom(2)), null, new SimRandom(3));
        using var port = new SimulatedNetworkPort("*", timeline, scheduler, clock, [server]);
        var sink = new RecordingSink();
        var socket = new NetworkSocketId(7);
        port.OpenClient(socket, server.Endpoint);
        port.Send(socket, new byte[48], requestTxStamp: true);
        port.Close(socket);
        scheduler.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, port.Poll(sink, TimeSpan.Zero));
        Assert.True(port.DroppedForClosedSocket >= 1);
        Assert.False(port.Send(socket, new byte[48], requestTxStamp: true).Sent);
    }

    private static (PhcModel Model, SimulatedPhcReader Reader) WarmModel(VirtualScheduler scheduler, SimulatedNic nic)
    {
        var reader = new SimulatedPhcReader(nic);
        var model = new PhcModel() { LinkSpeedMbps = reader.ReadLinkSpeedMbps() };
        var readings = new PhcClockReading[25];
        for (int i = 0; i < 4; i++)
        {
            scheduler.Advance(TimeSpan.FromSeconds(1));
            model.AddReadings(readings.AsSpan(0, reader.Read(readings)));
        }

        Assert.True(model.IsValid);
        return (model, reader);
    }

    private sealed class RecordingSink : INetworkEventSink
    {
        public List<PacketTimestamp> TxStamps { get; } = [];

        public List<(SystemTime Rx, TimestampSource Source)> Datagrams { get; } = [];

        public void Clear()
        {
            TxStamps.Clear();
            Datagrams.Clear();
        }

        public void OnDatagram(in NetworkDatagram datagram) => Datagrams.Add((datagram.RxStamp.Time, datagram.RxStamp.Source));

        public void OnTxStamp(NetworkSocketId socket, uint txId, PacketTimestamp stamp) => TxStamps.Add(stamp);

        public void OnSocketError(NetworkSocketId socket, int errno, NetworkEndpoint offender)
        {
        }
    }
}
