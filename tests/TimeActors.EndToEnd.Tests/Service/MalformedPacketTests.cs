using System.Net;
using System.Text.Json;
using TimeActors.EndToEnd.Tests.Chrony;
using TimeActors.EndToEnd.Tests.Faults;
using TimeActors.EndToEnd.Tests.Harness;
using Xunit.Abstractions;
using static TimeActors.EndToEnd.Tests.Service.TimeActorsServiceProcess;

namespace TimeActors.EndToEnd.Tests.Service;

/// <summary>
/// Issue 6, test 5 (garbage and truncated UDP): random bytes and truncated NTP packets are sent to
/// our server port and to the client sockets `ss` shows for our process. The server counts them as
/// dropped (malformed); the service keeps running, answering status and taking samples from the
/// genuine server.
/// </summary>
[Collection(ServiceProcessCollection.Name)]
public sealed class MalformedPacketTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public void Garbage_and_truncated_packets_are_dropped_and_counted_without_a_crash()
    {
        using var testbed = NetworkTestbed.Create(3);
        using var peer = ChronydProcess.Start(testbed, testbed.A, ChronyConfig.Server(), "peer");

        // A silent server keeps a request socket of ours open (no answer ever closes it), so `ss`
        // finds a client port to aim at; the genuine source's sockets live only for a round trip.
        using var silent = new ScriptedNtpServer(testbed.A, _ => null, port: 1123);
        var genuine = $"{testbed.A.Address}:123";
        var service = TimeActorsServiceProcess.Start(
            testbed,
            testbed.B,
            [
                $"{{ server = \"{testbed.A.Address}\", iburst = on, minpoll = -3, maxpoll = -3 }}",
                $"{{ server = \"{testbed.A.Address}\", port = 1123, minpoll = -1, maxpoll = -1 }}",
            ],
            serverListen: testbed.B.Address.ToString());
        var before = service.WaitForSource(genuine, s => State(s) == "selected" && Samples(s) >= 3, "the genuine source selected", Patience);
        Assert.Equal(0, service.Status().GetProperty("server").GetProperty("dropped_malformed").GetInt64());

        using var injector = new UdpFaultInjector(testbed.Nodes[2]);
        var serverPort = testbed.B.EndPoint(123);
        int toServer = 0;
        foreach (var length in new[] { 1, 7, 20, 47 })
        {
            injector.SendGarbage(serverPort, length, seed: length);
            toServer++;
        }

        for (int length = 1; length < 48; length += 6)
        {
            injector.SendTruncatedNtp(serverPort, length);
            toServer++;
        }

        // Client ports: whatever our process has open besides the server, while the silent source waits.
        var clientSockets = Poll.Until(
            () => service.ClientSockets() is { Count: > 0 } found ? found : null,
            Patience,
            "a client socket of ours",
            () => string.Join('\n', testbed.UdpSockets(testbed.B)));
        int toClients = 0;
        foreach (var socket in clientSockets)
        {
            var target = new IPEndPoint(testbed.B.Address, socket.Local.Port);
            for (int seed = 0; seed < 10; seed++)
            {
                injector.SendGarbage(target, 1 + (seed * 37 % 200), seed);
                injector.SendTruncatedNtp(target, 1 + (seed * 5 % 47));
                toClients += 2;
            }
        }

        // Every short packet to the server is counted; none is answered.
        var server = Poll.Until<object>(
            () =>
            {
                service.EnsureRunning();
                var s = service.Status().GetProperty("server");
                return s.GetProperty("dropped_malformed").GetInt64() >= toServer ? s : null;
            },
            Patience,
            $"{toServer} malformed packets counted",
            () => service.Status().ToString());
        Assert.Equal(toServer, ((JsonElement)server).GetProperty("dropped_malformed").GetInt64());

        // The genuine source keeps working after the junk sent to the client sockets.
        service.WaitForSource(genuine, s => State(s) == "selected" && SamplesTaken(s) >= SamplesTaken(before) + 8, "new samples after the junk", Patience);
        service.EnsureRunning();
        Assert.True(toClients > 0);
        Assert.DoesNotContain("Unhandled exception", service.Process.Output, StringComparison.OrdinalIgnoreCase);

        output.WriteLine(service.Process.Output);
    }
}
