using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TimeActors.Linux.Native;
using TimeActors.Linux.Sockets;
using static TimeActors.Linux.Native.LinuxConstants;

namespace TimeActors.Linux.Tests;

/// <summary>Pins every ABI number and native struct size to what gcc printed from the uapi headers on x86_64.</summary>
public sealed class AbiTests
{
    [Fact]
    public void Socket_constants_match_the_headers()
    {
        Assert.Equal(
            [1, 37, 65, 45, 25, 15, 2, 4, 58, 8, 81],
            new[] { SOL_SOCKET, SO_TIMESTAMPING, SO_TIMESTAMPING_NEW, SO_SELECT_ERR_QUEUE, SO_BINDTODEVICE, SO_REUSEPORT, SO_REUSEADDR, SO_ERROR, SCM_TIMESTAMPING_PKTINFO, SO_RCVBUF, SCM_TS_OPT_ID });
        Assert.Equal([0, 41, 8, 11, 49, 50, 25, 26], new[] { SOL_IP, SOL_IPV6, IP_PKTINFO, IP_RECVERR, IPV6_RECVPKTINFO, IPV6_PKTINFO, IPV6_RECVERR, IPV6_V6ONLY });
        Assert.Equal([8192, 8, 32, 64], new[] { MSG_ERRQUEUE, MSG_CTRUNC, MSG_TRUNC, MSG_DONTWAIT });
        Assert.Equal([2, 10, 2, 2048, 524288], new[] { AF_INET, AF_INET6, SOCK_DGRAM, SOCK_NONBLOCK, SOCK_CLOEXEC });
        Assert.Equal([1, 2, 3, 524288, 524288, 2048], new[] { EPOLL_CTL_ADD, EPOLL_CTL_DEL, EPOLL_CTL_MOD, EPOLL_CLOEXEC, EFD_CLOEXEC, EFD_NONBLOCK });
        Assert.Equal([1u, 2, 4, 8, 0x10], new[] { PollEvents.Readable, PollEvents.Priority, PollEvents.Writable, PollEvents.Error, PollEvents.HangUp }.Select(e => (uint)e));
        Assert.Equal([1, 11, 42, 34, 22, 95, 111, 4, 19], new[] { EPERM, EAGAIN, ENOMSG, ERANGE, EINVAL, EOPNOTSUPP, ECONNREFUSED, EINTR, ENODEV });
        Assert.Equal(0x40000000, CLONE_NEWNET);
    }

    [Fact]
    public void Ioctl_numbers_match_the_headers()
    {
        Assert.Equal([35248u, 35249, 35142, 35123], new[] { SIOCSHWTSTAMP, SIOCGHWTSTAMP, SIOCETHTOOL, SIOCGIFINDEX });
        Assert.Equal([65u, 1, 76], new[] { ETHTOOL_GET_TS_INFO, ETHTOOL_GSET, ETHTOOL_GLINKSETTINGS });
        Assert.Equal([2152742145u, 1128283397, 3225435400, 3300932873], new[] { PTP_CLOCK_GETCAPS, PTP_SYS_OFFSET, PTP_SYS_OFFSET_PRECISE, PTP_SYS_OFFSET_EXTENDED });
    }

    [Fact]
    public void Ptp_ioctl_numbers_encode_their_struct_sizes()
    {
        // _IOC(dir, '=', nr, size): size in bits 16..29, direction in 30..31.
        Assert.Equal(80u, (PTP_CLOCK_GETCAPS >> 16) & 0x3FFF);
        Assert.Equal((uint)Ptp.PtpCodec.SysOffsetSize, (PTP_SYS_OFFSET >> 16) & 0x3FFF);
        Assert.Equal((uint)Ptp.PtpCodec.SysOffsetPreciseSize, (PTP_SYS_OFFSET_PRECISE >> 16) & 0x3FFF);
        Assert.Equal((uint)Ptp.PtpCodec.SysOffsetExtendedSize, (PTP_SYS_OFFSET_EXTENDED >> 16) & 0x3FFF);
    }

    [Fact]
    public void Timestamping_flag_bits_match_net_tstamp_h()
    {
        Assert.Equal(
            Enumerable.Range(0, 19).Select(b => 1u << b),
            new[]
            {
                TimestampingFlags.TxHardware, TimestampingFlags.TxSoftware, TimestampingFlags.RxHardware, TimestampingFlags.RxSoftware,
                TimestampingFlags.Software, TimestampingFlags.SysHardware, TimestampingFlags.RawHardware, TimestampingFlags.OptId,
                TimestampingFlags.TxSched, TimestampingFlags.TxAck, TimestampingFlags.OptCmsg, TimestampingFlags.OptTsOnly,
                TimestampingFlags.OptStats, TimestampingFlags.OptPktInfo, TimestampingFlags.OptTxSwHw, TimestampingFlags.BindPhc,
                TimestampingFlags.OptIdTcp, TimestampingFlags.OptRxFilter, TimestampingFlags.TxCompletion,
            }.Select(f => (uint)f));
        Assert.Equal([0u, 1, 2, 3, 4, 5, 6], new[] { ErrorOrigin.None, ErrorOrigin.Local, ErrorOrigin.Icmp, ErrorOrigin.Icmp6, ErrorOrigin.Timestamping, ErrorOrigin.ZeroCopy, ErrorOrigin.TxTime }.Select(o => (uint)o));
        Assert.Equal([0u, 1, 2, 3], Enum.GetValues<TxTimestampType>().Select(t => (uint)t));
    }

    [Fact]
    public void Native_struct_sizes_match_lp64_glibc()
    {
        Assert.Equal(56, Unsafe.SizeOf<MsgHdr>());
        Assert.Equal(64, Unsafe.SizeOf<MMsgHdr>());
        Assert.Equal(56, (int)Marshal.OffsetOf<MMsgHdr>(nameof(MMsgHdr.Length)));
        Assert.Equal(16, Unsafe.SizeOf<IoVec>());
        Assert.Equal(8, Unsafe.SizeOf<PollFd>());
        Assert.Equal(40, (int)Marshal.OffsetOf<MsgHdr>(nameof(MsgHdr.ControlLength)));
        Assert.Equal(48, (int)Marshal.OffsetOf<MsgHdr>(nameof(MsgHdr.Flags)));
    }

    [Fact]
    public void Epoll_event_layout_differs_between_x64_and_arm64()
    {
        Assert.Equal(new EpollEventLayout(12, 4), EpollEventLayout.For(Architecture.X64));
        Assert.Equal(new EpollEventLayout(16, 8), EpollEventLayout.For(Architecture.Arm64));

        var x64 = new byte[12];
        EpollEventLayout.X64.Write(x64, PollEvents.TimestampingSocket, 0x1122334455667788);
        Assert.Equal(new KernelBytes().U32(0xB).U64(0x1122334455667788).ToArray(), x64);
        var arm = new byte[16];
        EpollEventLayout.Arm64.Write(arm, PollEvents.Readable, 7);
        Assert.Equal(new KernelBytes().U32(1).U32(0).U64(7).ToArray(), arm);
        Assert.Equal((PollEvents.Readable, 7UL), EpollEventLayout.Arm64.Read(arm));
    }

    [Fact]
    public void Sockaddr_bytes_round_trip_for_both_families()
    {
        Span<byte> buffer = stackalloc byte[128];
        var v4 = InetEndpoint.FromIPEndPoint(new IPEndPoint(IPAddress.Parse("10.200.0.1"), 123));
        Assert.Equal(16, v4.WriteSockaddr(buffer));
        Assert.Equal(new KernelBytes().U16(2).U16BigEndian(123).Raw([10, 200, 0, 1]).Zeros(8).ToArray(), buffer[..16].ToArray());
        Assert.True(InetEndpoint.TryReadSockaddr(buffer[..16], out var back4));
        Assert.Equal(v4, back4);

        var v6 = InetEndpoint.FromIPEndPoint(new IPEndPoint(IPAddress.Parse("fe80::1%3"), 4460));
        Assert.Equal(28, v6.WriteSockaddr(buffer));
        Assert.Equal(
            new KernelBytes().U16(10).U16BigEndian(4460).U32(0).Raw(IPAddress.Parse("fe80::1").GetAddressBytes()).U32(3).ToArray(),
            buffer[..28].ToArray());
        Assert.True(InetEndpoint.TryReadSockaddr(buffer[..28], out var back6));
        Assert.Equal(v6, back6);
        Assert.Equal(AddressFamily.InterNetworkV6, back6.Family);
        Assert.Equal(3u, back6.ScopeId);
        Assert.Equal("[fe80::1%3]:4460", back6.ToString());

        Assert.False(InetEndpoint.TryReadSockaddr(new KernelBytes().U16(0).Zeros(14).ToArray(), out _));
    }

    [Fact]
    public void Kernel_timespec_converts_negative_nanoseconds_with_a_non_negative_fraction()
    {
        Assert.Equal(new KernelTimespec(-1, 999_999_999), KernelTimespec.FromNanoseconds(-1));
        Assert.Equal(new KernelTimespec(1, 5), KernelTimespec.FromNanoseconds(1_000_000_005));
        Assert.Equal(-1, KernelTimespec.FromNanoseconds(-1).TotalNanoseconds);
    }
}
