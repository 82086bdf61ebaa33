using System.Net;
using System.Text.Json;
using TimeActors.EndToEnd.Tests.Chrony;
using TimeActors.EndToEnd.Tests.Faults;
using TimeActors.EndToEnd.Tests.Harness;
using TimeActors.Timing.Wire;
using Xunit.Abstractions;
using static TimeActors.EndToEnd.Tests.Service.TimeActorsServiceProcess;

namespace TimeActors.EndToEnd.Tests.Service;

/// <summary>
/// Issue 6, test 5 (spoofed responses): responses whose origin matches no request of ours are
/// ignored. A scripted server answers every request with a wrong origin, and forged "responses"
/// (raw socket, the server's own address and port as source) hit the client socket of a source
/// whose server is silent. Neither source ever takes a sample; chronyd keeps our clock view synced.
/// </summary>
[Collection(ServiceProcessCollection.Name)]
public sealed class SpoofedResponseTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public void Responses_with_a_wrong_origin_yield_no_sample()
    {
        using var testbed = NetworkTestbed.Create(3);
        using var peer = ChronydProcess.Start(testbed, testbed.A, ChronyConfig.Server(), "peer");
        using var wrongOrigin = new ScriptedNtpServer(testbed.Nodes[2], ScriptedNtpServer.WrongOrigin, port: 123);
        using var silent = new ScriptedNtpServer(testbed.Nodes[2], _ => null, port: 1124);
        var genuine = $"{testbed.A.Address}:123";
        var spoofing = $"{testbed.Nodes[2].Address}:123";
        var silentAddress = $"{testbed.Nodes[2].Address}:1124";
        var service = TimeActorsServiceProcess.Start(
            testbed,
            testbed.B,
            [
                $"{{ server = \"{testbed.A.Address}\", iburst = on, minpoll = -3, maxpoll = -3 }}",
                $"{{ server = \"{testbed.Nodes[2].Address}\", iburst = on, minpoll = -3, maxpoll = -3 }}",
                $"{{ server = \"{testbed.Nodes[2].Address}\", port = 1124, minpoll = -1, maxpoll = -1 }}",
            ]);
        service.WaitForSource(genuine, s => State(s) == "selected" && Samples(s) >= 3, "the genuine source selected", Patience);

        // Forged responses from the silent server's address to whatever request socket it has open.
        using var injector = new UdpFaultInjector(testbed.A);
        int forged = 0;
        Poll.Until(
            () =>
            {
                foreach (var socket in service.ClientSockets())
                {
                    var target = new IPEndPoint(testbed.B.Address, socket.Local.Port);
                    injector.SendSpoofedResponse(silent.EndPoint, target, NtpPackets.Now());
                    injector.SendSpoofedResponse(silent.EndPoint, target, new NtpTimestamp(0x0123_4567_89AB_CDEFUL));
                    forged += 2;
                }

                return forged >= 20;
            },
            Patience,
            "20 forged responses sent to our client sockets");

        var before = service.Source(genuine);
        Poll.Until(() => wrongOrigin.Requests >= 16, Patience, "16 requests answered with a wrong origin", () => service.Status().ToString());
        var after = service.WaitForSource(genuine, s => State(s) == "selected" && SamplesTaken(s) >= SamplesTaken(before) + 8, "the genuine source still sampling", Patience);

        var status = service.Status();
        foreach (var address in new[] { spoofing, silentAddress })
        {
            var source = Source(status, address);
            Assert.True(SamplesTaken(source) == 0 && Samples(source) == 0, $"{address} took a sample: {source}");
            Assert.Equal(JsonValueKind.Null, source.GetProperty("last_offset_s").ValueKind);
            Assert.Equal(0, Reach(source));
            Assert.NotEqual("selected", State(source));
        }

        // The genuine source's last offset is a real measurement (same clock both ends), not the
        // half second a wrong origin would give.
        Assert.True(Math.Abs(after.GetProperty("last_offset_s").GetDouble()) < 0.01, after.ToString());
        Assert.Equal("10.200.0.1", status.GetProperty("tracking").GetProperty("reference").GetString()?.Split(':')[0]);
        service.EnsureRunning();

        output.WriteLine(service.Process.Output);
    }
}
