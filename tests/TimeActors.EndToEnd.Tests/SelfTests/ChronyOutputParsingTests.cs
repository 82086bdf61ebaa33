using TimeActors.EndToEnd.Tests.Chrony;
using TimeActors.EndToEnd.Tests.NtpTools;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.EndToEnd.Tests.SelfTests;

/// <summary>
/// The parsers against output captured from chrony 4.3 and ntpsec 1.2.2 on this machine (a chronyd
/// -x client of a chronyd server over veth), so a layout change fails here before a live test.
/// </summary>
public sealed class ChronyOutputParsingTests
{
    private const string Measurements = """
        ========================================================================================================================================
           Date (UTC) Time     IP Address   L St 123 567 ABCD  LP RP Score    Offset  Peer del. Peer disp.  Root del. Root disp. Refid     MTxRx
        ========================================================================================================================================
        2026-11-22 02:13:51 10.200.0.1      N  1 111 111 1111  -6  0 1.00 -1.170e-04  2.361e-04  7.267e-07  0.000e+00  0.000e+00 7F7F0101 4B K K
        2026-11-22 02:13:51 10.200.0.1      N  1 111 111 0111  -6 -6 0.02  7.390e-07  2.170e-06  8.429e-06  0.000e+00  0.000e+00 7F7F0101 4I K K
        2026-11-22 02:13:52 10.200.0.1      ?  2 111 111 1111   4  5 0.50  1.200e-08  2.989e-06  5.519e-08  1.000e-03  2.000e-03 0AC80001 4I D H

        """;

    [Fact]
    public void Measurement_lines_parse_column_by_column_and_banners_are_skipped()
    {
        var log = ChronyMeasurementLog.Parse(Measurements);

        Assert.Equal(3, log.Count);
        var first = log[0];
        Assert.Equal(new DateTime(2026, 11, 22, 2, 13, 51, DateTimeKind.Utc), first.TimeUtc);
        Assert.Equal(DateTimeKind.Utc, first.TimeUtc.Kind);
        Assert.Equal("10.200.0.1", first.Address);
        Assert.Equal(LeapIndicator.NoWarning, first.Leap);
        Assert.Equal(1, first.Stratum);
        Assert.Equal(-6, first.LocalPollLog2);
        Assert.Equal(0, first.RemotePollLog2);
        Assert.Equal(1.00, first.Score);
        Assert.Equal(-1.170e-04, first.OffsetS);
        Assert.Equal(2.361e-04, first.PeerDelayS);
        Assert.Equal(7.267e-07, first.PeerDispersionS);
        Assert.Equal(0, first.RootDelayS);
        Assert.Equal("7F7F0101", first.ReferenceIdHex);
        Assert.Equal(NtpMode.Server, first.Mode);
        Assert.False(first.Interleaved);
        Assert.Equal(TimestampSource.Kernel, first.TxSource);
        Assert.True(first.PassedAllTests);

        Assert.True(log[1].Interleaved);
        Assert.Equal("0111", log[1].TestsAbcd);
        Assert.False(log[1].PassedAllTests);

        var third = log[2];
        Assert.Equal(LeapIndicator.Unsynchronized, third.Leap);
        Assert.Equal(1.000e-03, third.RootDelayS);
        Assert.Equal(2.000e-03, third.RootDispersionS);
        Assert.Equal("0AC80001", third.ReferenceIdHex);
        Assert.Equal(TimestampSource.Daemon, third.TxSource);
        Assert.Equal(TimestampSource.Hardware, third.RxSource);
    }

    [Fact]
    public void A_line_still_being_written_is_left_for_the_next_read_and_a_short_complete_line_is_an_error()
    {
        var partial = Measurements + "2026-11-22 02:13:53 10.200.0.1      N  1 111 111 1111  -6 -6 0.0";
        Assert.Equal(3, ChronyMeasurementLog.Parse(partial).Count);

        Assert.Throws<FormatException>(() => ChronyMeasurementLog.Parse(partial + "\n"));
        Assert.Throws<FormatException>(() => ChronyMeasurementLog.Parse(Measurements.Replace("4I K K", "4X K K", StringComparison.Ordinal)));
    }

    [Fact]
    public void Chronyc_csv_tracking_sources_ntpdata_and_serverstats_parse()
    {
        var tracking = ChronyTracking.Parse("0AC80001,10.200.0.1,2,1795313640.805997261,0.000000822,-0.000000007,0.000000010,-0.015,-0.002,0.208,0.000002214,0.000000859,0.0,Normal\n");
        Assert.Equal("10.200.0.1", tracking.ReferenceName);
        Assert.Equal(2, tracking.Stratum);
        Assert.Equal(8.22e-7, tracking.SystemTimeOffsetS);
        Assert.Equal(-0.015, tracking.FrequencyPpm);
        Assert.Equal(2.214e-6, tracking.RootDelayS);
        Assert.True(tracking.IsSynchronized);
        Assert.False(ChronyTracking.Parse("00000000,,0,0.000000000,0.000000000,0.000000000,0.000000000,0.000,0.000,0.000,1.000000000,1.000000000,0.0,Not synchronised").IsSynchronized);

        var source = Assert.Single(ChronySource.Parse("^,*,10.200.0.1,1,-6,377,0,-0.000000341,-0.000000353,0.000001789\n"));
        Assert.True(source.IsSelected);
        Assert.Equal(255, source.Reach);
        Assert.Equal(-6, source.PollLog2);
        Assert.Equal(-3.53e-7, source.MeasuredOffsetS);

        var data = Assert.Single(ChronyNtpData.Parse("10.200.0.1,0AC80001,123,10.200.0.2,0AC80002,Normal,4,Server,1,-6,0,-26,0.000000015,0.000000,0.000000,7F7F0101,,1795313629.933497048,0.000000353,0.000003509,0.000000035,0.000087057,0.00,111,111,1111,Yes,No,Kernel,Kernel,636,636,636,630\n"));
        Assert.Equal("10.200.0.1", data.RemoteAddress);
        Assert.Equal(123, data.RemotePort);
        Assert.Equal(-26, data.PrecisionLog2);
        Assert.Equal("7F7F0101", data.ReferenceIdHex);
        Assert.Equal(3.53e-7, data.OffsetS);
        Assert.Equal(3.509e-6, data.PeerDelayS);
        Assert.Equal("111 111 1111", data.Tests);
        Assert.True(data.Interleaved);
        Assert.False(data.Authenticated);
        Assert.Equal("Kernel", data.TxTimestamping);
        Assert.Equal(636, data.TotalValidRx);

        var stats = ChronyServerStats.Parse("636,0,1,0,0,0,0,0,634,635,10\n");
        Assert.Equal(636, stats.NtpReceived);
        Assert.Equal(1, stats.CommandReceived);
        Assert.Equal(634, stats.InterleavedNtp);
    }

    [Fact]
    public void Ss_udp_lines_give_the_local_end_point_device_and_owner()
    {
        var sockets = Harness.UdpSocketInfo.Parse("""
            UNCONN 0      0      0.0.0.0:123 0.0.0.0:* users:(("chronyd",pid=26628,fd=3))
            UNCONN 0      0      10.200.0.2%tae1x1b:40000 10.200.0.1:123 users:(("dotnet",pid=7,fd=12))
            UNCONN 0      0      [::]:123 [::]:*
            UNCONN 0      0      *:4242 *:*
            """);

        Assert.Equal(4, sockets.Count);
        Assert.Equal(new System.Net.IPEndPoint(System.Net.IPAddress.Any, 123), sockets[0].Local);
        Assert.Equal(("chronyd", 26628), (sockets[0].ProcessName, sockets[0].Pid));
        Assert.Equal(new System.Net.IPEndPoint(System.Net.IPAddress.Parse("10.200.0.2"), 40000), sockets[1].Local);
        Assert.Equal("tae1x1b", sockets[1].Device);
        Assert.Equal("10.200.0.1:123", sockets[1].Peer);
        Assert.Equal(System.Net.IPAddress.IPv6Any, sockets[2].Local.Address);
        Assert.Null(sockets[2].ProcessName);
        Assert.Equal(4242, sockets[3].Local.Port);
    }

    [Fact]
    public void Ntpdig_json_answers_parse_and_other_lines_are_ignored()
    {
        var answers = NtpDig.ParseAnswers("""
            {"time":"2026-11-22T02:14:09.486001+0000","offset":0.000010,"precision":0.000066,"host":"10.200.0.1","ip":"10.200.0.1","stratum":1,"leap":"no-leap","adjusted":false}
            ntpdig: no eligible servers
            """);

        var answer = Assert.Single(answers);
        Assert.Equal(1.0e-5, answer.OffsetS);
        Assert.Equal(6.6e-5, answer.PrecisionS);
        Assert.Equal("10.200.0.1", answer.Ip);
        Assert.Equal(1, answer.Stratum);
        Assert.Equal("no-leap", answer.Leap);
        Assert.False(answer.Adjusted);
    }
}
