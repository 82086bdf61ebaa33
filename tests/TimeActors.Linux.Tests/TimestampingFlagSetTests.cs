using TimeActors.Linux.Sockets;
using F = TimeActors.Linux.Sockets.TimestampingFlags;

namespace TimeActors.Linux.Tests;

public sealed class TimestampingFlagSetTests
{
    private const F SoftwareReporting = F.Software | F.RxSoftware;

    [Fact]
    public void Software_client_stamps_every_send_with_tsonly_and_opt_id()
    {
        var set = TimestampingFlagSet.For(TimestampingRole.Client, TimestampingSupport.All, hardware: false);
        Assert.Equal(SoftwareReporting | F.TxSoftware | F.OptId | F.OptTsOnly, set.SocketFlags);
        Assert.Equal(F.None, set.PerMessageTxFlags);
        Assert.True(set.TxStampedPermanently);
    }

    [Fact]
    public void Software_server_requests_tx_stamps_per_message()
    {
        var set = TimestampingFlagSet.For(TimestampingRole.Server, TimestampingSupport.All, hardware: false);
        Assert.Equal(SoftwareReporting | F.OptId | F.OptTsOnly, set.SocketFlags);
        Assert.Equal(F.TxSoftware, set.PerMessageTxFlags);
        Assert.False(set.TxStampedPermanently);
    }

    [Fact]
    public void Hardware_adds_raw_and_rx_hardware_pktinfo_tx_swhw_and_cmsg_instead_of_tsonly()
    {
        var client = TimestampingFlagSet.For(TimestampingRole.Client, TimestampingSupport.All, hardware: true);
        Assert.Equal(
            SoftwareReporting | F.RawHardware | F.RxHardware | F.OptPktInfo | F.OptTxSwHw | F.OptId | F.OptCmsg | F.TxSoftware | F.TxHardware,
            client.SocketFlags);

        var server = TimestampingFlagSet.For(TimestampingRole.Server, TimestampingSupport.All, hardware: true);
        Assert.Equal(F.TxSoftware | F.TxHardware, server.PerMessageTxFlags);
        Assert.False(server.SocketFlags.HasFlag(F.OptTsOnly));
    }

    [Fact]
    public void Options_the_kernel_rejected_are_left_out()
    {
        var old = TimestampingSupport.All with { OptPktInfo = false, OptTxSwHw = false, PerMessageTxFlags = false, CallerTxIds = false };
        var server = TimestampingFlagSet.For(TimestampingRole.Server, old, hardware: true);
        Assert.False(server.SocketFlags.HasFlag(F.OptPktInfo));
        Assert.False(server.SocketFlags.HasFlag(F.OptTxSwHw));
        // Without per-message cmsgs a server must stamp every response.
        Assert.True(server.TxStampedPermanently);
        Assert.Equal(F.None, server.PerMessageTxFlags);
    }

    [Fact]
    public void No_role_or_no_so_timestamping_means_no_flags()
    {
        Assert.Equal(default, TimestampingFlagSet.For(TimestampingRole.None, TimestampingSupport.All, hardware: true));
        Assert.Equal(default, TimestampingFlagSet.For(TimestampingRole.Client, new TimestampingSupport(), hardware: false));
    }
}
