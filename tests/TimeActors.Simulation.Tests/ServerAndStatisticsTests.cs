using System.Net;
using TimeActors.Timing.Server;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Simulation.Tests;

/// <summary>Simulated servers answer with their clock at the request's arrival; the statistics follow clknetsim's definitions.</summary>
public sealed class ServerAndStatisticsTests
{
    private static readonly DateTimeOffset Start = new(2016, 12, 31, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Server_stamps_arrival_and_departure_with_its_own_clock_and_announces_the_leap()
    {
        var time = new ManualTime(Start);
        var leap = new LeapSecondSchedule(AtSeconds: 4 * 3600, AnnounceFromSeconds: 100);
        var server = new SimulatedServer(
            new SimulatedServerOptions { Address = "192.0.2.9", OffsetSeconds = 1, ProcessingSeconds = 1e-3 },
            time.Timeline,
            new DelayModel(new LinkOptions(), new SimRandom(1)),
            leap,
            new SimRandom(2));
        var request = new byte[48];
        new NtpHeader(LeapIndicator.NoWarning, 4, NtpMode.Client, 0, 6, 0, NtpShort.Zero, NtpShort.Zero, 0, NtpTimestamp.Zero, NtpTimestamp.Zero, NtpTimestamp.Zero, new NtpTimestamp(0x1234_5678_9abc_def0)).WriteTo(request);
        var response = new byte[48];
        var client = ClientAddress.FromIPAddress(IPAddress.Parse("10.0.0.1"));

        int length = server.Respond(request, client, 200.5, response, out double departure);
        Assert.Equal(48, length);
        Assert.Equal(200.501, departure, 12);
        Assert.Equal(NtpParseError.None, NtpPacket.TryParse(response, out var packet));
        Assert.Equal(LeapIndicator.InsertSecond, packet.Header.Leap);
        Assert.Equal(1, packet.Header.Stratum);
        Assert.Equal(new NtpTimestamp(0x1234_5678_9abc_def0), packet.Header.Origin);
        long expectedRx = SimulationTimeline.ToUnixNs(Start) + 201_500_000_000; // 200.5 s + its 1 s offset
        Assert.InRange(packet.Header.Receive.ToSystemTime(new SystemTime(expectedRx)).UnixNanoseconds - expectedRx, -2, 2);

        // After the leap its clock reads one second less and the announcement is over.
        server.Respond(request, client, (4 * 3600) + 10, response, out _);
        NtpPacket.TryParse(response, out packet);
        Assert.Equal(LeapIndicator.NoWarning, packet.Header.Leap);
        long afterLeap = SimulationTimeline.ToUnixNs(Start) + (((4 * 3600) + 10 + 1 - 1) * 1_000_000_000L);
        Assert.InRange(packet.Header.Receive.ToSystemTime(new SystemTime(afterLeap)).UnixNanoseconds - afterLeap, -2, 2);
    }

    [Fact]
    public void Sync_time_is_one_after_the_last_second_out_of_limits_and_figures_start_after_stats_from()
    {
        var stats = new ClockStatistics(statsFromSeconds: 3, maxOffsetLimitSeconds: 1e-3, maxFrequencyLimit: 500e-6);
        stats.Record(1, 0.1, 0);
        stats.Record(2, 0, 600e-6);   // frequency beyond its limit
        stats.Record(3, 5e-4, 0);
        stats.Record(4, -3e-4, 1e-6);
        stats.Record(5, 4e-4, -2e-6);

        Assert.Equal(3, stats.SyncTimeSeconds);
        Assert.Equal(2, stats.StatisticsSamples);
        Assert.Equal(4e-4, stats.MaxOffsetSeconds, 15);
        Assert.Equal(Math.Sqrt(((3e-4 * 3e-4) + (4e-4 * 4e-4)) / 2), stats.RmsOffsetSeconds, 15);
        Assert.Equal(2e-6, stats.MaxFrequencyError, 15);
    }
}
