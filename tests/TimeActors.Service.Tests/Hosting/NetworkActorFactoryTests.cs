using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TimeActors.Service.Control;
using TimeActors.Service.Hosting;
using TimeActors.Service.Network;
using TimeActors.Service.Settings;

namespace TimeActors.Service.Tests.Hosting;

/// <summary>The composition root's network part: which children the settings give, and a real loopback run.</summary>
[Collection(TimeActors.Service.Tests.Cli.WholeServiceCollection.Name)]
public sealed class NetworkActorFactoryTests : IDisposable
{
    private static readonly IReadOnlyDictionary<string, string> NoEnvironment = new Dictionary<string, string>();
    private readonly string _dir = Directory.CreateTempSubdirectory("ta-net-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class FakeResolver : IHostNameResolver
    {
        public Task<IReadOnlyList<IPAddress>> ResolveAsync(string name, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<IPAddress>>(name == "pool.example" ? [IPAddress.Parse("10.200.0.1"), IPAddress.Parse("10.200.0.2")] : []);
    }

    private TimeActorsSettings Settings(string text)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.conf");
        File.WriteAllText(path, text);
        return SettingsLoader.Load(path, NoEnvironment);
    }

    [Fact]
    public void Nothing_configured_opens_no_port_and_creates_no_children()
    {
        using var factory = new NetworkActorFactory(new SourceAddressResolver(new FakeResolver()));
        Assert.Empty(factory.CreateChildren(SettingsLoader.Load(null, NoEnvironment)));
    }

    [Fact]
    public void Each_pool_member_and_server_gets_a_source_and_each_listen_address_a_server()
    {
        using var factory = new NetworkActorFactory(new SourceAddressResolver(new FakeResolver()));
        var children = factory.CreateChildren(Settings("""
            timeactors.sources = [ { pool = "pool.example", count = 4 }, { server = "10.200.0.9" }, { server = "nowhere.example" } ]
            timeactors.server.listen = ["127.0.0.1:0"]
            """)).ToList();
        Assert.Equal(
            [("interface", ServiceChildRole.Interface), ("source-0", ServiceChildRole.Source), ("source-1", ServiceChildRole.Source), ("source-2", ServiceChildRole.Source), ("server-0", ServiceChildRole.Server)],
            children.Select(c => (c.Name, c.Role)));
        Assert.Null(children[0].StatusQuery);
    }

    [Fact]
    public async Task Our_source_polls_our_server_over_loopback_and_both_show_in_status()
    {
        int port;
        using (var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
        {
            port = ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
        }

        var socket = Path.Combine(_dir, "control.sock");
        var settings = Settings($$"""
            timeactors {
              control.socket = "{{socket}}"
              sources = [ { server = "127.0.0.1", port = {{port}}, iburst = on, minpoll = 0, maxpoll = 0 } ]
              server { listen = ["127.0.0.1:{{port}}"], allow = ["127.0.0.0/8"] }
            }
            """);
        using var composition = ServiceComposition.CreateDefault();
        using var stop = new CancellationTokenSource();
        var run = ServiceRunner.RunAsync(settings, composition, stop.Token, TextWriter.Synchronized(new StringWriter()));
        try
        {
            // Poll the status until the server has answered the source (each query waits on the socket).
            var deadline = Stopwatch.StartNew();
            Status.ServiceStatus? status = null;
            while (deadline.Elapsed < TimeSpan.FromSeconds(30) && !run.IsCompleted)
            {
                try
                {
                    status = StatusJson.Parse(await ControlClient.RequestAsync(socket, ControlRequest.StatusDetail, TimeSpan.FromSeconds(5)));
                    if (status.Server.Answered > 0 && status.Server.RxStamps.Kernel > 0)
                    {
                        break;
                    }
                }
                catch (ControlUnavailableException e)
                {
                    // Still starting: the socket is not there yet.
                    Assert.Contains("not running", e.Message, StringComparison.Ordinal);
                }

                await Task.Yield();
            }

            Assert.NotNull(status);
            Assert.True(status.Server.Answered > 0, "the server never answered our source");
            Assert.True(status.Server.RxStamps.Kernel > 0, "server requests were not kernel-stamped");
            var source = Assert.Single(status.Sources);
            Assert.Equal($"127.0.0.1:{port}", source.Address);
        }
        finally
        {
            await stop.CancelAsync();
            Assert.Equal(ServiceRunner.ExitOk, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        }
    }

    private static int FreeUdpPort()
    {
        using var probe = new UdpClient(new IPEndPoint(IPAddress.Any, 0));
        return ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
    }

    [Fact]
    public void Client_sockets_fixed_maps_to_an_acquisition_port_and_per_request_to_none()
    {
        Assert.Equal(ClientSocketOptions.PerRequest, NetworkActorFactory.ToClientSocketOptions(new ClientSettings()));
        var fixedPort = NetworkActorFactory.ToClientSocketOptions(new ClientSettings { Sockets = ClientSocketPolicy.Fixed, AcquisitionPort = 1123 });
        Assert.True(fixedPort.Shared);
        Assert.Equal((ushort)1123, fixedPort.AcquisitionPort);
        Assert.Equal((ushort)0, NetworkActorFactory.ToClientSocketOptions(new ClientSettings { Sockets = ClientSocketPolicy.Fixed }).AcquisitionPort);
    }

    [Fact]
    public async Task Two_sources_share_the_fixed_acquisition_port_and_both_get_samples_from_loopback_servers()
    {
        using var first = new LoopbackNtpResponder();
        using var second = new LoopbackNtpResponder();
        int acquisition = FreeUdpPort();
        var socket = Path.Combine(_dir, "control.sock");
        var settings = Settings($$"""
            timeactors {
              control.socket = "{{socket}}"
              client { sockets = fixed, acquisition-port = {{acquisition}} }
              sources = [
                { server = "127.0.0.1", port = {{first.Port}}, iburst = on, minpoll = 0, maxpoll = 0 },
                { server = "127.0.0.1", port = {{second.Port}}, iburst = on, minpoll = 0, maxpoll = 0 }
              ]
            }
            """);
        using var composition = ServiceComposition.CreateDefault();
        using var stop = new CancellationTokenSource();
        var run = ServiceRunner.RunAsync(settings, composition, stop.Token, TextWriter.Synchronized(new StringWriter()));
        try
        {
            var deadline = Stopwatch.StartNew();
            Status.ServiceStatus? status = null;
            while (deadline.Elapsed < TimeSpan.FromSeconds(30) && !run.IsCompleted)
            {
                try
                {
                    status = StatusJson.Parse(await ControlClient.RequestAsync(socket, ControlRequest.StatusDetail, TimeSpan.FromSeconds(5)));
                    if (status.Sources.Count == 2 && status.Sources.All(s => s.Samples > 0))
                    {
                        break;
                    }
                }
                catch (ControlUnavailableException e)
                {
                    Assert.Contains("not running", e.Message, StringComparison.Ordinal);
                }

                await Task.Yield();
            }

            Assert.NotNull(status);
            Assert.Equal(
                new[] { $"127.0.0.1:{first.Port}", $"127.0.0.1:{second.Port}" }.Order(StringComparer.Ordinal),
                status.Sources.Select(s => s.Address).Order(StringComparer.Ordinal));
            Assert.All(status.Sources, s => Assert.True(s.Samples > 0, $"{s.Address} got no sample over the shared socket: reach {s.Reach}, state {s.State}, server answered {status.Server.Answered}"));
            Assert.All(status.Sources, s => Assert.True(s.RxStamps.Kernel > 0, $"{s.Address} samples were not kernel-stamped"));

            // Every request to either server came from the one acquisition socket, whose port the service holds.
            Assert.Equal([acquisition], first.Clients.Keys.Concat(second.Clients.Keys).Select(e => e.Port).Distinct());
            var taken = Assert.Throws<SocketException>(() => new UdpClient(new IPEndPoint(IPAddress.Any, acquisition)).Dispose());
            Assert.Equal(System.Net.Sockets.SocketError.AddressAlreadyInUse, taken.SocketErrorCode);
        }
        finally
        {
            await stop.CancelAsync();
            Assert.Equal(ServiceRunner.ExitOk, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        }
    }
}
