using TimeActors.Timing.Hardware;

namespace TimeActors.Simulation.Tests;

/// <summary>The NIC against its model: TX stamp latency distribution and lost stamps, and PHC stamps the service's own PHC model converts back to the system clock's reading.</summary>
public sealed class NicFidelityTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Tx_stamp_latency_is_uniform_between_min_and_max_and_the_never_share_is_lost()
    {
        var latency = new TxStampLatency { MinSeconds = 200e-6, MaxSeconds = 5e-3, Never = 0.02 };
        var random = new SimRandom(17);
        const int Draws = 100_000;
        var drawn = Enumerable.Range(0, Draws).Select(_ => latency.Draw(random)).ToArray();
        var arrived = drawn.Where(d => d is not null).Select(d => d!.Value).ToArray();

        Assert.InRange((Draws - arrived.Length) / (double)Draws, 0.018, 0.022);
        Assert.All(arrived, d => Assert.InRange(d, 200e-6, 5e-3));
        Assert.InRange(arrived.Average(), 2.6e-3 * 0.99, 2.6e-3 * 1.01);

        // Uniform: each fifth of the range holds a fifth of the stamps.
        double width = (5e-3 - 200e-6) / 5;
        for (int i = 0; i < 5; i++)
        {
            double low = 200e-6 + (i * width);
            double share = arrived.Count(d => d >= low && d < low + width) / (double)arrived.Length;
            Assert.InRange(share, 0.19, 0.21);
        }
    }

    [Fact]
    public void Log_uniform_latency_puts_as_many_stamps_in_each_decade()
    {
        var latency = new TxStampLatency { MinSeconds = 1e-5, MaxSeconds = 1e-3, LogUniform = true };
        var random = new SimRandom(2);
        var drawn = Enumerable.Range(0, 50_000).Select(_ => latency.Draw(random)!.Value).ToArray();
        double firstDecade = drawn.Count(d => d < 1e-4) / (double)drawn.Length;
        Assert.InRange(firstDecade, 0.48, 0.52);
    }

    [Fact]
    public void Nic_counts_the_stamps_that_never_arrive()
    {
        var time = new ManualTime(Start);
        var clock = new SimulatedSystemClock(time.Timeline, new SimulatedClockOptions(), new SimRandom(1));
        var nic = new SimulatedNic(new SimulatedNicOptions { TxStampLatency = new TxStampLatency { MinSeconds = 1e-4, MaxSeconds = 1e-4, Never = 0.5 } }, time.Timeline, clock, new SimRandom(8));
        int lost = Enumerable.Range(0, 10_000).Count(_ => nic.DrawTxLatency() is null);
        Assert.Equal(lost, nic.TxStampsLost);
        Assert.InRange(lost, 4_800, 5_200);
    }

    [Fact]
    public void Phc_stamps_convert_back_to_the_system_clock_through_the_services_phc_model()
    {
        var time = new ManualTime(Start);
        var clock = new SimulatedSystemClock(time.Timeline, new SimulatedClockOptions { InitialOffsetSeconds = 0.1, FrequencyOffset = 100e-6, Wander = 0 }, new SimRandom(1));
        var nicOptions = new SimulatedNicOptions { PhcOffsetSeconds = 10, StampJitterSeconds = 0, PhcReadJitterSeconds = 0, LinkSpeedMbps = 100 };
        var nic = new SimulatedNic(nicOptions, time.Timeline, clock, new SimRandom(2));
        var reader = new SimulatedPhcReader(nic);
        var model = new PhcModel(new PhcModelOptions()) { LinkSpeedMbps = reader.ReadLinkSpeedMbps() };
        var readings = new PhcClockReading[25];

        for (int second = 1; second <= 8; second++)
        {
            time.Now = second;
            int n = reader.Read(readings);
            Assert.Equal(nicOptions.PhcReadingsPerPoll, n);
            model.AddReadings(readings.AsSpan(0, n));
        }

        Assert.True(model.IsValid);
        double arrival = 8.25;
        time.Now = arrival;

        // An RX stamp is taken at the frame's start; the model moves it to the end (100 Mb/s: 7.5 µs for 48 bytes).
        long rxPhc = nic.RxStampNs(arrival, 48);
        Assert.True(model.TryConvert(rxPhc, Layer2Transposition.AssumedLength(48, ipv6: false), receive: true, out var rx));
        Assert.InRange(rx.Time.UnixNanoseconds - clock.ReadingAt(arrival), -2, 2);

        long txPhc = nic.PhcNs(arrival);
        Assert.True(model.TryConvert(txPhc, 0, receive: false, out var tx));
        Assert.InRange(tx.Time.UnixNanoseconds - clock.ReadingAt(arrival), -2, 2);
    }
}
