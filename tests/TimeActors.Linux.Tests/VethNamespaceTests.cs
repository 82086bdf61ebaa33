using System.Net;
using TimeActors.Linux.Hardware;
using TimeActors.Linux.Sockets;

namespace TimeActors.Linux.Tests;

/// <summary>Real traffic over a veth pair between two network namespaces this test creates.</summary>
public sealed class VethNamespaceTests
{
    [Fact]
    public void Request_and_response_over_veth_carry_stamps_and_the_right_interface_index()
    {
        string nsA, nsB;
        using (var veth = new VethPair())
        {
            nsA = veth.NamespaceA;
            nsB = veth.NamespaceB;
            var indexB = NetworkNamespace.Run(veth.NamespaceB, () => NetworkInterfaces.IndexOf(veth.InterfaceB));
            var indexA = NetworkNamespace.Run(veth.NamespaceA, () => NetworkInterfaces.IndexOf(veth.InterfaceA));
            Assert.True(indexA > 1 && indexB > 1);

            using var server = NetworkNamespace.Run(veth.NamespaceB, () => TimestampingUdpSocket.Open(
                new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Parse(VethPair.AddressB), 0), Role = TimestampingRole.Server, Device = veth.InterfaceB },
                Kernel.Support));
            using var client = NetworkNamespace.Run(veth.NamespaceA, () => TimestampingUdpSocket.Open(
                new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Parse(VethPair.AddressA), 0), Remote = server.LocalEndPoint },
                Kernel.Support));
            using var poller = new SocketPoller();
            poller.Add(server, 1);
            poller.Add(client, 2);
            using var batch = new MessageBatch();

            var t1 = KernelClocks.ReadRealtime().TotalNanoseconds;
            var request = client.Send("ntp request"u8);
            Assert.True(Kernel.WaitFor(poller, 1).HasFlag(PollEvents.Readable));
            Assert.Equal(1, server.Receive(batch, ReceiveQueue.Normal));
            batch.ParseControl(0, out var rx);
            var source = batch.GetSource(0);
            Assert.Equal(IPAddress.Parse(VethPair.AddressA), source.ToIPAddress());
            Assert.True(rx.HasSoftwareTimestamp);
            Assert.True(rx.HasPacketInfo);
            Assert.Equal(indexB, rx.PacketInfoInterfaceIndex);
            Assert.Equal(IPAddress.Parse(VethPair.AddressB), rx.PacketInfoAddress.ToIPAddress());

            var response = server.SendTo("ntp response"u8, source, new SendOptions(TxStampRequest.Requested, 0x0B00_0001));
            Assert.True(response.TxTimestampRequested);

            var clientTx = LoopbackTimestampTests.ReadTxStamp(client, batch);
            Assert.Equal(request.TxId, clientTx.ExtendedError.TimestampId);
            Assert.True(clientTx.HasSoftwareTimestamp);
            var serverTx = LoopbackTimestampTests.ReadTxStamp(server, batch);
            Assert.Equal(response.TxId, serverTx.ExtendedError.TimestampId);

            var deadline = Environment.TickCount64 + 5000;
            var received = 0;
            while (received == 0 && Environment.TickCount64 < deadline)
            {
                Kernel.WaitFor(poller, 2);
                received = client.Receive(batch, ReceiveQueue.Normal);
            }

            Assert.Equal(1, received);
            var t4 = KernelClocks.ReadRealtime().TotalNanoseconds;
            batch.ParseControl(0, out var clientRx);
            Assert.Equal(indexA, clientRx.PacketInfoInterfaceIndex);
            Assert.True(clientRx.HasSoftwareTimestamp);

            // The four NTP timestamps in order: client TX, server RX, server TX, client RX.
            var stamps = new[]
            {
                clientTx.SoftwareTimestamp.TotalNanoseconds, rx.SoftwareTimestamp.TotalNanoseconds,
                serverTx.SoftwareTimestamp.TotalNanoseconds, clientRx.SoftwareTimestamp.TotalNanoseconds,
            };
            Assert.Equal(stamps.Order(), stamps);
            Assert.InRange(stamps[0], t1, stamps[1]);
            Assert.InRange(stamps[3], stamps[2], t4);

            var speed = NetworkNamespace.Run(veth.NamespaceB, () => new NetworkInterfaceControl(veth.InterfaceB).GetLinkSpeedMbps());
            Assert.Equal(10_000, speed); // veth reports SPEED_10000
            var hw = NetworkNamespace.Run(veth.NamespaceB, () => new NetworkInterfaceControl(veth.InterfaceB).EnableHardwareTimestamping());
            Assert.Equal(HwTimestampStatus.NotSupported, hw.Status);
        }

        Assert.False(VethPair.Exists(nsA));
        Assert.False(VethPair.Exists(nsB));
    }
}
