using System.Net;
using System.Net.Sockets;
using TimeActors.Linux.Sockets;

namespace TimeActors.Linux.Tests;

public sealed class ControlMessageParserTests
{
    private const int SolSocket = 1;
    private const int SolIp = 0;
    private const int SolIpv6 = 41;

    [Fact]
    public void Hardware_rx_control_messages_parse_to_stamp_interface_and_layer2_length()
    {
        // A hardware-stamped RX as the kernel would deliver it with OPT_PKTINFO and IP_PKTINFO.
        var control = new KernelBytes()
            .Cmsg(SolSocket, 37, KernelBytes.Timestamping(0, 0, 1_700_000_123, 456_789_012))
            .Cmsg(SolSocket, 58, new KernelBytes().U32(7).U32(94).U32(0).U32(0).ToArray())
            .Cmsg(SolIp, 8, new KernelBytes().I32(7).Raw([10, 200, 0, 2]).Raw([10, 200, 0, 2]).ToArray())
            .ToArray();

        ControlMessageParser.Parse(control, out var data);

        Assert.True(data.HasTimestamping);
        Assert.False(data.HasSoftwareTimestamp);
        Assert.True(data.HasHardwareTimestamp);
        Assert.Equal(new KernelTimespec(1_700_000_123, 456_789_012), data.HardwareTimestamp);
        Assert.True(data.HasTimestampPacketInfo);
        Assert.Equal(7, data.TimestampInterfaceIndex);
        Assert.Equal(94, data.Layer2Length);
        Assert.True(data.HasPacketInfo);
        Assert.Equal(7, data.PacketInfoInterfaceIndex);
        Assert.Equal(IPAddress.Parse("10.200.0.2"), data.PacketInfoAddress.ToIPAddress());
        Assert.False(data.HasExtendedError);
        Assert.False(data.Malformed);
    }

    [Fact]
    public void Software_stamp_is_taken_from_ts0_and_ts1_is_ignored()
    {
        var ts = new KernelBytes().I64(100).I64(5).I64(999).I64(999).I64(0).I64(0).ToArray();
        ControlMessageParser.Parse(new KernelBytes().Cmsg(SolSocket, 37, ts).ToArray(), out var data);

        Assert.True(data.HasSoftwareTimestamp);
        Assert.False(data.HasHardwareTimestamp);
        Assert.Equal(100_000_000_005L, data.SoftwareTimestamp.TotalNanoseconds);
    }

    [Fact]
    public void Hardware_tx_report_from_error_queue_parses_id_type_and_ts2()
    {
        // SCM_TSTAMP_SND with ts[0] zero: the stamp is the NIC's, in ts[2] (errqueue.h).
        var error = new KernelBytes().U32(42).U8(4).U8(0).U8(0).U8(0).U32(0).U32(0x1234_5678)
            .U16(0).Zeros(14) // offender: AF_UNSPEC
            .ToArray();
        var control = new KernelBytes()
            .Cmsg(SolSocket, 37, KernelBytes.Timestamping(0, 0, 55, 123))
            .Cmsg(SolIp, 11, error)
            .ToArray();

        ControlMessageParser.Parse(control, out var data);

        Assert.True(data.IsTxTimestamp);
        Assert.Equal(TxTimestampType.Sent, data.ExtendedError.TimestampType);
        Assert.Equal(0x1234_5678u, data.ExtendedError.TimestampId);
        Assert.Equal(new KernelTimespec(55, 123), data.HardwareTimestamp);
        Assert.False(data.HasSoftwareTimestamp);
    }

    [Fact]
    public void Ipv6_recverr_sched_stamp_is_a_timestamp_with_its_type()
    {
        var error = new KernelBytes().U32(42).U8(4).U8(0).U8(0).U8(0).U32(1).U32(9).ToArray();
        var control = new KernelBytes()
            .Cmsg(SolSocket, 37, KernelBytes.Timestamping(3, 4, 0, 0))
            .Cmsg(SolIpv6, 25, error)
            .ToArray();

        ControlMessageParser.Parse(control, out var data);

        Assert.True(data.IsTxTimestamp);
        Assert.Equal(TxTimestampType.Scheduled, data.ExtendedError.TimestampType);
        Assert.Equal(9u, data.ExtendedError.TimestampId);
    }

    [Fact]
    public void Icmp_error_is_reported_as_an_error_with_offender_and_never_as_a_timestamp()
    {
        // ECONNREFUSED from ICMP port unreachable (type 3, code 3), offender 10.200.0.9.
        var offender = new KernelBytes().U16(2).U16BigEndian(0).Raw([10, 200, 0, 9]).Zeros(8).ToArray();
        var error = new KernelBytes().U32(111).U8(2).U8(3).U8(3).U8(0).U32(0).U32(0).Raw(offender).ToArray();
        ControlMessageParser.Parse(new KernelBytes().Cmsg(SolIp, 11, error).ToArray(), out var data);

        Assert.True(data.HasExtendedError);
        Assert.False(data.IsTxTimestamp);
        Assert.True(data.ExtendedError.IsIcmp);
        Assert.Equal(111u, data.ExtendedError.Errno);
        Assert.Equal((byte)3, data.ExtendedError.Type);
        Assert.Equal((byte)3, data.ExtendedError.Code);
        Assert.Equal(IPAddress.Parse("10.200.0.9"), data.ExtendedError.Offender.ToIPAddress());
    }

    [Fact]
    public void Ipv6_pktinfo_gives_address_and_interface()
    {
        var address = IPAddress.Parse("fd00::1").GetAddressBytes();
        ControlMessageParser.Parse(new KernelBytes().Cmsg(SolIpv6, 50, new KernelBytes().Raw(address).I32(12).ToArray()).ToArray(), out var data);

        Assert.True(data.HasPacketInfo);
        Assert.Equal(12, data.PacketInfoInterfaceIndex);
        Assert.Equal(AddressFamily.InterNetworkV6, data.PacketInfoAddress.Family);
        Assert.Equal(IPAddress.Parse("fd00::1"), data.PacketInfoAddress.ToIPAddress());
    }

    [Fact]
    public void Unknown_messages_are_skipped_and_parsing_continues()
    {
        var control = new KernelBytes()
            .Cmsg(SolSocket, 99, [1, 2, 3])
            .Cmsg(SolSocket, 37, KernelBytes.Timestamping(1, 2, 0, 0))
            .ToArray();
        ControlMessageParser.Parse(control, out var data);

        Assert.Equal(1, data.OtherMessages);
        Assert.Equal(new KernelTimespec(1, 2), data.SoftwareTimestamp);
    }

    [Theory]
    [InlineData(8)] // shorter than a header
    [InlineData(15)]
    public void Length_below_header_or_beyond_buffer_is_malformed_not_a_crash(int claimedLength)
    {
        var control = new KernelBytes().U64((ulong)claimedLength).I32(1).I32(37).Zeros(48).ToArray();
        ControlMessageParser.Parse(control, out var data);
        Assert.True(data.Malformed);
        Assert.False(data.HasTimestamping);

        var tooLong = new KernelBytes().U64(4096).I32(1).I32(37).Zeros(48).ToArray();
        ControlMessageParser.Parse(tooLong, out var data2);
        Assert.True(data2.Malformed);
    }

    [Fact]
    public void Cmsg_macros_match_glibc_values()
    {
        // CMSG_LEN(4)=20, CMSG_SPACE(4)=24, CMSG_SPACE(48)=64, CMSG_SPACE(16)=32 (gcc, x86_64 glibc).
        Assert.Equal(20, ControlMessageParser.Length(4));
        Assert.Equal(24, ControlMessageParser.Space(4));
        Assert.Equal(64, ControlMessageParser.Space(48));
        Assert.Equal(32, ControlMessageParser.Space(16));
    }
}
