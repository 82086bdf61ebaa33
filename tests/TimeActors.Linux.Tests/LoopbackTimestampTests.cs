using System.Net;
using TimeActors.Linux.Sockets;

namespace TimeActors.Linux.Tests;

public sealed class LoopbackTimestampTests
{
    [Fact]
    public void Probe_finds_what_this_kernel_accepts()
    {
        var support = Kernel.Support;
        Assert.True(support.SoTimestamping);
        Assert.True(support.SelectErrQueue);
        Assert.True(support.OptId);
        Assert.True(support.OptTsOnly);
        Assert.True(support.OptCmsg);
        Assert.True(support.OptPktInfo);
        Assert.True(support.OptTxSwHw);
        Assert.True(support.PerMessageTxFlags);
        // SCM_TS_OPT_ID arrived in 6.13: the probe must agree with the running kernel's version.
        Assert.Equal(Kernel.Release >= new Version(6, 13), support.CallerTxIds);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void Rx_and_tx_software_stamps_are_ordered_with_user_space_clock_reads(string address)
    {
        var loopback = IPAddress.Parse(address);
        using var server = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(loopback, 0), Role = TimestampingRole.Server }, Kernel.Support);
        using var client = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(loopback, 0), Remote = server.LocalEndPoint, Role = TimestampingRole.Client }, Kernel.Support);
        using var poller = new SocketPoller();
        poller.Add(server, 1);
        using var batch = new MessageBatch();

        var beforeSend = KernelClocks.ReadRealtime().TotalNanoseconds;
        var sent = client.Send("request"u8);
        var afterSend = KernelClocks.ReadRealtime().TotalNanoseconds;

        Assert.True((Kernel.WaitFor(poller, 1) & PollEvents.Readable) != 0);
        Assert.Equal(1, server.Receive(batch, ReceiveQueue.Normal));
        var afterReceive = KernelClocks.ReadRealtime().TotalNanoseconds;
        Assert.Equal("request"u8.ToArray(), batch.GetPayload(0).ToArray());
        Assert.Equal(client.LocalEndPoint, batch.GetSource(0).ToIPEndPoint());
        batch.ParseControl(0, out var rx);
        Assert.True(rx.HasSoftwareTimestamp);
        Assert.False(rx.HasHardwareTimestamp);
        Assert.True(rx.HasPacketInfo);
        Assert.Equal(loopback, rx.PacketInfoAddress.ToIPAddress());
        Assert.Equal(1, rx.PacketInfoInterfaceIndex); // lo
        var rxStamp = rx.SoftwareTimestamp.TotalNanoseconds;

        Assert.True(sent.TxTimestampRequested);
        var tx = ReadTxStamp(client, batch);
        Assert.Equal(sent.TxId, tx.ExtendedError.TimestampId);
        Assert.Equal(TxTimestampType.Sent, tx.ExtendedError.TimestampType);
        var txStamp = tx.SoftwareTimestamp.TotalNanoseconds;

        // Loopback transmits inside sendmsg, so the TX stamp falls between the clock reads around it.
        Assert.InRange(txStamp, beforeSend, afterSend);
        Assert.InRange(rxStamp, txStamp, afterReceive);
    }

    [Fact]
    public void Tx_stamps_match_their_sends_by_kernel_counter_id()
    {
        using var server = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), Role = TimestampingRole.Server }, Kernel.Support);
        using var client = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), Remote = server.LocalEndPoint }, Kernel.Support);
        using var batch = new MessageBatch();

        var sends = new List<(SendResult Result, long Before, long After)>();
        for (var i = 0; i < 5; i++)
        {
            var before = KernelClocks.ReadRealtime().TotalNanoseconds;
            var result = client.Send([(byte)i]);
            sends.Add((result, before, KernelClocks.ReadRealtime().TotalNanoseconds));
        }

        Assert.Equal([0u, 1u, 2u, 3u, 4u], sends.Select(s => s.Result.TxId));
        var stamps = Kernel.ReadTxStamps(client, batch, 5);
        foreach (var (result, before, after) in sends)
        {
            var stamp = stamps[result.TxId];
            Assert.InRange(stamp, before, after);
        }
    }

    [Fact]
    public void Server_requests_tx_stamps_per_message_with_caller_chosen_ids()
    {
        using var server = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), Role = TimestampingRole.Server }, Kernel.Support);
        using var peer = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), Role = TimestampingRole.None }, Kernel.Support);
        using var batch = new MessageBatch();
        var destination = InetEndpoint.FromIPEndPoint(peer.LocalEndPoint);
        Assert.Equal(TimestampingFlags.None, server.Flags.SocketFlags & TimestampingFlags.TxRecordMask);

        var plain = server.SendTo("basic"u8, destination, new SendOptions(TxStampRequest.Suppressed));
        var first = server.SendTo("xleave"u8, destination, new SendOptions(TxStampRequest.Requested, 0xA000_0001));
        var second = server.SendTo("xleave"u8, destination, new SendOptions(TxStampRequest.Requested, 0xA000_0002));

        Assert.False(plain.TxTimestampRequested);
        var expectedIds = Kernel.Support.CallerTxIds ? new[] { 0xA000_0001u, 0xA000_0002u } : [0u, 1u];
        Assert.Equal(expectedIds, new[] { first.TxId, second.TxId });
        var stamps = Kernel.ReadTxStamps(server, batch, 2);
        Assert.Equal(expectedIds.Order(), stamps.Keys.Order());
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void Icmp_port_unreachable_arrives_on_the_error_queue_as_an_error_not_a_stamp(string address)
    {
        var loopback = IPAddress.Parse(address);
        // Reserve a port, then close it so nothing listens there.
        IPEndPoint closed;
        using (var placeholder = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(loopback, 0), Role = TimestampingRole.None }, Kernel.Support))
        {
            closed = placeholder.LocalEndPoint;
        }

        using var client = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(loopback, 0), Remote = closed }, Kernel.Support);
        using var poller = new SocketPoller();
        poller.Add(client, 7);
        using var batch = new MessageBatch();
        client.Send("anyone?"u8);

        var stamps = 0;
        var errors = new List<ExtendedError>();
        var deadline = Environment.TickCount64 + 5000;
        while (errors.Count == 0 && Environment.TickCount64 < deadline)
        {
            Kernel.WaitFor(poller, 7);
            var count = client.Receive(batch, ReceiveQueue.Error);
            for (var i = 0; i < count; i++)
            {
                batch.ParseControl(i, out var control);
                Assert.True(control.HasExtendedError);
                if (control.IsTxTimestamp)
                {
                    stamps++;
                }
                else
                {
                    errors.Add(control.ExtendedError);
                }
            }

            client.ClearPendingError();
        }

        Assert.Equal(1, stamps);
        var icmp = Assert.Single(errors);
        Assert.True(icmp.IsIcmp);
        Assert.False(icmp.IsTimestamp);
        Assert.Equal(111u, icmp.Errno); // ECONNREFUSED
        Assert.Equal(loopback.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? ErrorOrigin.Icmp : ErrorOrigin.Icmp6, icmp.Origin);
        Assert.Equal(loopback, icmp.Offender.ToIPAddress());
    }

    [Fact]
    public void Without_scm_ts_opt_id_caller_ids_fall_back_to_the_kernel_counter()
    {
        var old = Kernel.Support with { CallerTxIds = false };
        using var server = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), Role = TimestampingRole.Server }, old);
        using var batch = new MessageBatch();
        var self = InetEndpoint.FromIPEndPoint(server.LocalEndPoint);

        var first = server.SendTo("a"u8, self, new SendOptions(TxStampRequest.Requested, 0xC0DE));
        var second = server.SendTo("b"u8, self, new SendOptions(TxStampRequest.Requested, 0xC0DF));

        Assert.False(first.CallerChosenId);
        Assert.Equal([0u, 1u], new[] { first.TxId, second.TxId });
        Assert.Equal([0u, 1u], Kernel.ReadTxStamps(server, batch, 2).Keys.Order());
    }

    [Fact]
    public void Hardware_flag_set_on_a_nic_without_hardware_still_yields_software_stamps_and_egress_pktinfo()
    {
        // lo cannot stamp in hardware; the hardware flag set (OPT_CMSG instead of OPT_TSONLY) must
        // still deliver software stamps, and the looped-back TX report must carry IP_PKTINFO with the
        // egress interface, which is how a HW TX stamp is tied to its NIC's PHC.
        using var server = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), Role = TimestampingRole.Server, HardwareTimestamping = true }, Kernel.Support);
        using var client = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), Remote = server.LocalEndPoint, HardwareTimestamping = true }, Kernel.Support);
        Assert.True(client.Flags.SocketFlags.HasFlag(TimestampingFlags.OptCmsg));
        Assert.True(client.Flags.SocketFlags.HasFlag(TimestampingFlags.RawHardware));
        using var batch = new MessageBatch();

        var sent = client.Send("hw?"u8);
        var tx = ReadTxStamp(client, batch);

        Assert.Equal(sent.TxId, tx.ExtendedError.TimestampId);
        Assert.True(tx.HasSoftwareTimestamp);
        Assert.False(tx.HasHardwareTimestamp);
        Assert.True(tx.HasPacketInfo);
        Assert.Equal(1, tx.PacketInfoInterfaceIndex);
        Assert.True(batch.GetLength(0) > 3, "OPT_CMSG returns the looped-back packet, not an empty one");

        Assert.Equal(1, server.Receive(batch, ReceiveQueue.Normal));
        batch.ParseControl(0, out var rx);
        Assert.True(rx.HasSoftwareTimestamp);
        Assert.False(rx.HasHardwareTimestamp);
        Assert.False(rx.HasTimestampPacketInfo); // SCM_TIMESTAMPING_PKTINFO only comes with HW-stamped RX
    }

    [Fact]
    public void Truncated_control_data_is_flagged_and_counted()
    {
        using var server = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), Role = TimestampingRole.Server }, Kernel.Support);
        using var client = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), Remote = server.LocalEndPoint }, Kernel.Support);
        using var poller = new SocketPoller();
        poller.Add(server, 1);
        using var tiny = new MessageBatch(capacity: 1, payloadSize: 64, controlSize: 24);

        client.Send("x"u8);
        Kernel.WaitFor(poller, 1);
        Assert.Equal(1, server.Receive(tiny, ReceiveQueue.Normal));

        Assert.True(tiny.GetFlags(0).HasFlag(ReceivedMessageFlags.ControlTruncated));
        Assert.Equal(1, server.ControlTruncatedCount);
    }

    [Fact]
    public void Client_sockets_get_distinct_kernel_chosen_source_ports_and_reuseport_shares_an_address()
    {
        using var a = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), ReusePort = true, Role = TimestampingRole.Server }, Kernel.Support);
        using var b = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = a.LocalEndPoint, ReusePort = true, Role = TimestampingRole.Server }, Kernel.Support);
        Assert.Equal(a.LocalEndPoint, b.LocalEndPoint);

        using var c1 = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), Remote = a.LocalEndPoint }, Kernel.Support);
        using var c2 = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), Remote = a.LocalEndPoint }, Kernel.Support);
        Assert.NotEqual(0, c1.LocalEndPoint.Port);
        Assert.NotEqual(c1.LocalEndPoint.Port, c2.LocalEndPoint.Port);
        Assert.Equal(a.LocalEndPoint, c1.RemoteEndPoint);

        var error = Assert.Throws<KernelCallException>(() =>
            TimestampingUdpSocket.Open(new UdpSocketOptions { Local = a.LocalEndPoint, ReusePort = false }, Kernel.Support));
        Assert.Equal(98, error.Errno); // EADDRINUSE without SO_REUSEPORT
    }

    [Fact]
    public void Bind_to_device_restricts_the_socket_to_that_interface()
    {
        using var bound = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), Device = "lo" }, Kernel.Support);
        Assert.NotEqual(0, bound.LocalEndPoint.Port);

        var error = Assert.Throws<KernelCallException>(() =>
            TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), Device = "no-such-if0" }, Kernel.Support));
        Assert.Equal(19, error.Errno); // ENODEV
    }

    internal static PacketControlData ReadTxStamp(TimestampingUdpSocket socket, MessageBatch batch)
    {
        using var poller = new SocketPoller();
        poller.Add(socket, 3);
        var deadline = Environment.TickCount64 + 5000;
        while (Environment.TickCount64 < deadline)
        {
            var count = socket.Receive(batch, ReceiveQueue.Error);
            for (var i = 0; i < count; i++)
            {
                batch.ParseControl(i, out var control);
                if (control.IsTxTimestamp)
                {
                    return control;
                }
            }

            Kernel.WaitFor(poller, 3);
        }

        throw new TimeoutException("no TX stamp");
    }
}
