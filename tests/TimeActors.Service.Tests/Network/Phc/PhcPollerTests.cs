using TimeActors.Actors.TestKit;
using TimeActors.Service.Messages;
using TimeActors.Service.Network;
using TimeActors.Timing.Hardware;
using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Tests.Network.Phc;

/// <summary>
/// The interface actor with hardware timestamping on, in virtual time: its PHC poller feeds the model the
/// port converts with, and the stamps the owners receive are hardware stamps in system time once the
/// model is valid, kernel stamps before.
/// </summary>
public sealed class PhcPollerTests : TestKit
{
    private const long Second = 1_000_000_000;
    private static readonly NetworkEndpoint Peer = NetworkEndpoint.FromBytes([10, 200, 0, 9], 123);

    public PhcPollerTests()
        : base(virtualTime: true)
    {
    }

    [Fact]
    public void Owners_get_kernel_stamps_until_the_model_is_valid_then_hardware_stamps_in_system_time()
    {
        var (reader, model, port, sockets) = Start();
        var owner = CreateTestProbe("owner");
        NetworkSocketId socket = sockets.OpenClient(Peer, owner);
        Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal([TimeSpan.Zero], reader.Reads);

        long t = reader.TrueNow;
        var kernel = new SystemTime(t + 3_000);
        port.DeliverDatagram(socket, Peer, new byte[48], reader.PhcAt(t), kernel);
        Assert.Equal(new PacketTimestamp(kernel, TimestampSource.Kernel, TimeInterval.Zero), owner.ExpectMsg<RxPacket>().RxStamp);
        port.DeliverTxStamp(socket, 5, reader.PhcAt(t + 1_000), new SystemTime(t + 4_000));
        Assert.Equal(new PacketTimestamp(new SystemTime(t + 4_000), TimestampSource.Kernel, TimeInterval.Zero), owner.ExpectMsg<TxStamp>().Stamp);

        // The stamps asked for a sample: the next tick (1 s) reads the PHC, and two samples make a model.
        Advance(TimeSpan.FromMilliseconds(1_000));
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(1)], reader.Reads);
        Assert.True(model.IsValid);
        Assert.Equal(1_000, model.LinkSpeedMbps);

        t = reader.TrueNow;
        port.DeliverDatagram(socket, Peer, new byte[48], reader.PhcAt(t), new SystemTime(t + 3_000));
        var rx = owner.ExpectMsg<RxPacket>().RxStamp;
        Assert.Equal(TimestampSource.Hardware, rx.Source);
        Assert.InRange(rx.Error.Nanoseconds, 100, 1_000);
        // Frame start at t, end 752 ns later (48-byte NTP over IPv4 at 1 Gb/s): that is the RX time.
        Assert.InRange(rx.Time.UnixNanoseconds - (t + 752), -rx.Error.Nanoseconds, rx.Error.Nanoseconds);

        port.DeliverTxStamp(socket, 6, reader.PhcAt(t + 20_000), new SystemTime(t + 23_000));
        var tx = owner.ExpectMsg<TxStamp>();
        Assert.Equal(6u, tx.TxId);
        Assert.Equal(TimestampSource.Hardware, tx.Stamp.Source);
        Assert.InRange(tx.Stamp.Time.UnixNanoseconds - (t + 20_000), -tx.Stamp.Error.Nanoseconds, tx.Stamp.Error.Nanoseconds);
    }

    [Fact]
    public void An_idle_interface_reads_its_phc_every_maxpoll_and_one_with_hardware_stamps_every_minpoll()
    {
        var (reader, _, port, sockets) = Start();
        var owner = CreateTestProbe("owner");
        NetworkSocketId socket = sockets.OpenClient(Peer, owner);
        Advance(TimeSpan.FromMilliseconds(8_500));
        Assert.Equal(Seconds(0, 2, 4, 6, 8), reader.Reads);

        long t = reader.TrueNow;
        port.DeliverDatagram(socket, Peer, new byte[48], reader.PhcAt(t), new SystemTime(t));
        owner.ExpectMsg<RxPacket>();
        Advance(TimeSpan.FromMilliseconds(1_000)); // 9 s: stamps were converted since the last read
        t = reader.TrueNow;
        port.DeliverDatagram(socket, Peer, new byte[48], reader.PhcAt(t), new SystemTime(t));
        owner.ExpectMsg<RxPacket>();
        Advance(TimeSpan.FromMilliseconds(3_000)); // 10 s: again; then idle: 12 s
        Assert.Equal(Seconds(0, 2, 4, 6, 8, 9, 10, 12), reader.Reads);
    }

    [Fact]
    public void A_phc_that_cannot_be_read_leaves_the_interface_on_kernel_stamps()
    {
        var (reader, model, port, sockets) = Start(failing: true);
        var owner = CreateTestProbe("owner");
        NetworkSocketId socket = sockets.OpenClient(Peer, owner);
        Advance(TimeSpan.FromSeconds(4.5));
        Assert.Equal(Seconds(0, 2, 4), reader.Reads);
        Assert.False(model.IsValid);

        long t = reader.TrueNow;
        port.DeliverDatagram(socket, Peer, new byte[48], reader.PhcAt(t), new SystemTime(t + 3_000));
        Assert.Equal(TimestampSource.Kernel, owner.ExpectMsg<RxPacket>().RxStamp.Source);
    }

    [Fact]
    public void A_clock_step_announced_by_the_clock_actor_re_references_the_model_without_losing_it()
    {
        var (reader, model, _, _) = Start();
        Advance(TimeSpan.FromSeconds(20.5));
        Assert.True(model.IsValid);
        int samples = model.SampleCount;

        long step = (Second / 4) + 777;
        reader.SystemStepNs = step;
        Sys.EventStream.Publish(new ClockStepped(new TimeInterval(step), new SystemTime(reader.TrueNow + step)));
        Advance(TimeSpan.Zero);

        long t = reader.TrueNow;
        Assert.True(model.TryConvert(reader.PhcAt(t), 0, receive: false, out var stamp));
        Assert.InRange(stamp.Time.UnixNanoseconds - (t + step), -stamp.Error.Nanoseconds, stamp.Error.Nanoseconds);
        Assert.Equal(samples, model.SampleCount);

        Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(0, model.Resets);
        Assert.True(model.SampleCount > samples);
    }

    [Fact]
    public void A_frequency_change_announced_by_the_clock_actor_re_expresses_the_model()
    {
        var (reader, model, _, _) = Start();
        Advance(TimeSpan.FromSeconds(10.5));
        long t = reader.TrueNow;
        long raw = reader.PhcAt(t + (2 * Second));
        Assert.True(model.TryConvert(raw, 0, receive: false, out var before));

        // From now on the system clock runs 10 ppm fast: 2 s later it reads 20 us more.
        Sys.EventStream.Publish(new FrequencyChanged(10.0, new SystemTime(t)));
        Advance(TimeSpan.Zero);
        Assert.True(model.TryConvert(raw, 0, receive: false, out var after));
        Assert.InRange(after.Time.UnixNanoseconds - before.Time.UnixNanoseconds, 20_000 - 10, 20_000 + 10);
        Assert.Equal(0, model.Resets);
    }

    private static TimeSpan[] Seconds(params int[] seconds) => [.. seconds.Select(s => TimeSpan.FromSeconds(s))];

    private (FakePhcReader Reader, PhcModel Model, HardwareStampPort Port, InterfaceSockets Sockets) Start(bool failing = false)
    {
        // The PHC keeps TAI (37 s ahead of the system's UTC) and runs 20 ppm fast.
        var reader = new FakePhcReader(Sys.Scheduler, 37 * Second, 20e-6) { Failing = failing };
        var model = new PhcModel(new PhcModelOptions());
        var port = new HardwareStampPort(Sys.Scheduler, model);
        var sockets = new InterfaceSockets(port);
        Sys.ActorOf(InterfaceActor.Props(sockets, phc: new PhcPolling(model, reader)), "fake0");
        return (reader, model, port, sockets);
    }
}
