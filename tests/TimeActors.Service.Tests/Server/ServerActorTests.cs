using TimeActors.Actors;
using TimeActors.Actors.TestKit;
using TimeActors.Service.Messages;
using TimeActors.Service.Network;
using TimeActors.Service.Server;
using TimeActors.Service.Status;
using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Server;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Service.Tests.Server;

/// <summary>The server actor over real loopback sockets with real kernel stamps (LinuxNetworkPort + InterfaceActor).</summary>
public sealed class ServerActorTests : TestKit
{
    private static readonly NetworkEndpoint AnyLoopbackPort = NetworkEndpoint.FromBytes([127, 0, 0, 1], 0);

    private readonly LinuxNetworkPort _port = new(new LinuxNetworkPortOptions { Name = "lo" });
    private readonly InterfaceSockets _sockets;

    public ServerActorTests()
    {
        _sockets = new InterfaceSockets(_port);
        Sys.ActorOf(InterfaceActor.Props(_sockets), "lo");
    }

    [Fact]
    public void Answers_a_request_unsynchronised_until_tracking_arrives_then_with_the_tracking()
    {
        var (server, endpoint) = StartServer(new ServerOptions { Listen = AnyLoopbackPort, Access = [AccessRule.AllowAll] });
        using var client = new NtpTestClient(endpoint);

        NtpHeader request = client.Request();
        NtpHeader response = client.Receive();
        Assert.Equal(NtpMode.Server, response.Mode);
        Assert.Equal(request.Transmit, response.Origin);
        Assert.Equal(LeapIndicator.Unsynchronized, response.Leap);
        Assert.Equal(0, response.Stratum);

        var tracking = new ServerTrackingState(LeapIndicator.NoWarning, 2, -20, TimeInterval.FromMilliseconds(3), TimeInterval.FromMilliseconds(1), 0x0A_C8_00_01, new SystemTime(1_700_000_000_000_000_000));
        Sys.EventStream.Publish(new TrackingUpdated(TrackingReport.Unsynchronized("observe"), tracking));

        // The socket loops run on their own threads and see the update once the server actor has
        // published it; a reply to a later message says it has.
        server.Tell(GetServerEndpoint.Instance, TestActor);
        ExpectMsg<NetworkEndpoint>();
        request = client.Request();
        response = client.Receive();
        Assert.Equal(LeapIndicator.NoWarning, response.Leap);
        Assert.Equal(2, response.Stratum);
        Assert.Equal(0x0A_C8_00_01u, response.ReferenceId);
        Assert.Equal(-20, response.Precision);
        Assert.Equal(request.Transmit, response.Origin);

        // The receive field is our kernel RX stamp: after the request left, before the answer came.
        server.Tell(GetServerReport.Instance, TestActor);
        var report = ExpectMsg<ServerReport>();
        Assert.Equal(2, report.Received);
        Assert.Equal(2, report.Answered);
        Assert.Equal(new TimestampCounts(0, 2, 0), report.RxStamps);
        Assert.Equal(new TimestampCounts(0, 0, 2), report.TxStamps); // basic responses are not kernel-stamped
    }

    [Fact]
    public void An_interleaved_request_gets_the_kernel_tx_stamp_of_the_previous_interleaved_response()
    {
        var (server, endpoint) = StartServer(new ServerOptions { Listen = AnyLoopbackPort, Access = [AccessRule.AllowAll] });
        using var client = new NtpTestClient(endpoint);

        client.Request();
        NtpHeader first = client.Receive();
        NtpHeader secondRequest = client.Request(origin: first.Receive, receive: new NtpTimestamp(0x1111_0000_0000_0001));
        NtpHeader second = client.Receive();
        SystemTime secondReceivedByClient = _port.ReadClock();
        Assert.Equal(secondRequest.Receive, second.Origin); // interleaved: origin echoes our receive nonce

        // The first (basic) response was not stamped, so its daemon transmit time is what the second carries.
        Assert.Equal(first.Transmit, second.Transmit);

        // The second response's kernel TX stamp must be in the server before the third request is sent,
        // or the third answer would rightly carry the daemon time (the server does not hold a request
        // back for a stamp). Each poll asks with its own probe, so a reply that comes late under load
        // cannot be taken for a later answer.
        AwaitAssert(() =>
        {
            var probe = CreateTestProbe();
            server.Tell(GetServerReport.Instance, probe);
            Assert.Equal(1, probe.ExpectMsg<ServerReport>().TxStamps.Kernel);
        }, TimeSpan.FromSeconds(10));

        NtpHeader thirdRequest = client.Request(origin: second.Receive, receive: new NtpTimestamp(0x2222_0000_0000_0001));
        NtpHeader third = client.Receive();
        Assert.Equal(thirdRequest.Receive, third.Origin);

        // The second response was interleaved, so it was stamped by the kernel; that stamp is the third's
        // transmit time. Causal bounds, not a latency guess (under load the server may take well over
        // 100 ms between a request and its answer): after the server's RX stamp of the second request,
        // and before our client had the second response in hand.
        SystemTime kernelTx = third.Transmit.ToSystemTime(secondReceivedByClient);
        SystemTime serverRx = second.Receive.ToSystemTime(secondReceivedByClient);
        Assert.True(kernelTx > serverRx && kernelTx <= secondReceivedByClient, $"second response's kernel TX stamp {kernelTx} not between its request's RX stamp {serverRx} and the client's receipt {secondReceivedByClient}");
        Assert.NotEqual(second.Transmit, third.Transmit);

        var final = CreateTestProbe();
        server.Tell(GetServerReport.Instance, final);
        var report = final.ExpectMsg<ServerReport>();
        Assert.Equal(3, report.Answered);
        Assert.Equal(2, report.Interleaved);
        Assert.Equal(1, report.TxStamps.Daemon); // the basic first response
        Assert.InRange(report.TxStamps.Kernel, 1, 2); // the second's; the third's may still be on its way
    }

    [Fact]
    public void With_every_response_stamped_the_first_interleaved_request_already_gets_a_kernel_stamp()
    {
        var (_, endpoint) = StartServer(new ServerOptions { Listen = AnyLoopbackPort, Access = [AccessRule.AllowAll], StampAllResponses = true });
        using var client = new NtpTestClient(endpoint);

        client.Request();
        NtpHeader first = client.Receive();
        NtpHeader second = default;
        AwaitAssert(() =>
        {
            // The stamp may still be on its way through the interface actor: ask again until it is in.
            client.Request(origin: first.Receive, receive: new NtpTimestamp(0x3333_0000_0000_0001));
            second = client.Receive();
            Assert.NotEqual(first.Transmit, second.Transmit);
        });

        TimeInterval stampAfterDaemon = second.Transmit.Minus(first.Transmit);
        Assert.True(stampAfterDaemon > TimeInterval.Zero && stampAfterDaemon < TimeInterval.FromMilliseconds(100), $"kernel TX stamp {stampAfterDaemon} after the daemon transmit time");
    }

    [Fact]
    public void Denied_clients_get_nothing_and_are_counted()
    {
        var (server, endpoint) = StartServer(new ServerOptions
        {
            Listen = AnyLoopbackPort,
            Access = [AccessRule.Parse("10.0.0.0/8", allow: true), AccessRule.Parse("127.0.0.2/32", allow: true)],
        });
        using var client = new NtpTestClient(endpoint);

        client.Request();
        AwaitAssert(() =>
        {
            server.Tell(GetServerReport.Instance, TestActor);
            var report = ExpectMsg<ServerReport>();
            Assert.Equal(1, report.Denied);
            Assert.Equal(0, report.Answered);
        });
        Assert.Equal(0, client.Available);
    }

    [Fact]
    public void Rate_limited_clients_are_dropped_or_sent_a_RATE_kiss_and_counted()
    {
        var limits = new RateLimitSettings { IntervalLog2 = 6, Burst = 1, LeakLog2 = 4 };
        var (server, endpoint) = StartServer(new ServerOptions { Listen = AnyLoopbackPort, Access = [AccessRule.AllowAll], RateLimit = limits, RateLimitKissOfDeath = true });
        using var client = new NtpTestClient(endpoint);

        const int requests = 6;
        int kisses = 0;
        for (int i = 0; i < requests; i++)
        {
            NtpHeader request = client.Request();
            NtpHeader response = client.Receive();
            Assert.Equal(request.Transmit, response.Origin);
            if (response.Stratum == 0 && response.ReferenceId == KissCode.Rate)
            {
                Assert.True(i > 0, "the first request is within the burst");
                kisses++;
            }
        }

        server.Tell(GetServerReport.Instance, TestActor);
        var report = ExpectMsg<ServerReport>();
        Assert.Equal(requests, report.Received);
        Assert.Equal(kisses, report.RateLimited);
        Assert.Equal(requests - kisses, report.Answered);
        Assert.True(kisses >= 1, "one request per 64 s with a burst of 1 leaves most of six rate-limited");
    }

    [Fact]
    public void Rate_limited_requests_are_dropped_without_kiss_of_death_by_default()
    {
        var limits = new RateLimitSettings { IntervalLog2 = 6, Burst = 1, LeakLog2 = 4 };
        var (server, endpoint) = StartServer(new ServerOptions { Listen = AnyLoopbackPort, Access = [AccessRule.AllowAll], RateLimit = limits });
        using var client = new NtpTestClient(endpoint);

        for (int i = 0; i < 4; i++)
        {
            client.Request();
        }

        ServerReport report = null!;
        AwaitAssert(() =>
        {
            server.Tell(GetServerReport.Instance, TestActor);
            report = ExpectMsg<ServerReport>();
            Assert.Equal(4, report.Received);
        });
        Assert.Equal(4, report.Answered + report.RateLimited);
        Assert.True(report.RateLimited >= 1);
        Assert.Equal(report.Answered, client.Available == 0 ? 0 : CountResponses(client));
    }

    [Fact]
    public void Malformed_requests_are_dropped_and_counted()
    {
        var (server, endpoint) = StartServer(new ServerOptions { Listen = AnyLoopbackPort, Access = [AccessRule.AllowAll] });
        using var client = new NtpTestClient(endpoint);

        client.SendRaw([1, 2, 3, 4, 5]);
        var serverMode = new byte[NtpHeader.Length];
        new NtpHeader(LeapIndicator.NoWarning, 4, NtpMode.Server, 1, 6, -20, NtpShort.Zero, NtpShort.Zero, 0, default, default, default, new NtpTimestamp(42)).WriteTo(serverMode);
        client.SendRaw(serverMode);
        client.Request();
        client.Receive(); // the good one is still answered

        server.Tell(GetServerReport.Instance, TestActor);
        var report = ExpectMsg<ServerReport>();
        Assert.Equal(3, report.Received);
        Assert.Equal(2, report.DroppedMalformed);
        Assert.Equal(1, report.Answered);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _port.Dispose();
        }
    }

    private static int CountResponses(NtpTestClient client)
    {
        int count = 0;
        while (client.Available > 0)
        {
            client.Receive();
            count++;
        }

        return count;
    }

    private (IActorRef Server, NetworkEndpoint Endpoint) StartServer(ServerOptions options)
    {
        IActorRef server = Sys.ActorOf(ServerActor.Props(options, _sockets));
        server.Tell(GetServerEndpoint.Instance, TestActor);
        return (server, ExpectMsg<NetworkEndpoint>());
    }
}
