using System.Net;
using TimeActors.Service.Settings;
using TimeActors.Tests.Shared;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Tests.Settings;

/// <summary>The service examples in hocon/examples parse, bind and mean what their comments say.</summary>
public sealed class ExampleConfigurationTests
{
    private static readonly IReadOnlyDictionary<string, string> NoEnvironment = new Dictionary<string, string>();

    private static TimeActorsSettings Example(string name) => SettingsLoader.Load(RepositoryPaths.InRepo("hocon", "examples", name), NoEnvironment);

    [Fact]
    public void Lan_example_uses_interleaved_fast_polling_and_hardware_stamps_on_every_interface()
    {
        var s = Example("lan-hardware-timestamping.conf");
        Assert.Equal(["10.0.0.1", "10.0.0.2"], s.Sources.Select(x => x.Name));
        Assert.All(s.Sources, x => Assert.True(x is { Kind: SourceKind.Server, Interleaved: true, InitialBurst: true, MinPoll: 1, MaxPoll: 1 }));
        Assert.True(HardwareTimestampingSettings.For(s.HardwareTimestamping, "eth0")!.IsWildcard);
        var eth1 = HardwareTimestampingSettings.For(s.HardwareTimestamping, "eth1")!;
        Assert.Equal((RxFilter.Ntp, 48L, 120L), (eth1.RxFilter, eth1.TxCompensation.Nanoseconds, eth1.RxCompensation.Nanoseconds));
        Assert.Equal(TimeInterval.FromMilliseconds(10), s.HwtsTimeout);
        Assert.Equal(DisciplineMode.Control, s.Clock.Mode);
        Assert.False(s.Server.Enabled);
    }

    [Fact]
    public void Pool_example_uses_four_pool_servers_and_software_stamps()
    {
        var s = Example("public-pool-client.conf");
        var pool = Assert.Single(s.Sources, x => x.Kind == SourceKind.Pool);
        Assert.Equal(("pool.ntp.org", 4, 6, 10), (pool.Name, pool.PoolCount, pool.MinPoll, pool.MaxPoll));
        Assert.Empty(s.HardwareTimestamping);
        Assert.False(s.Server.Enabled);
        Assert.Equal(3, s.Clock.MakeStepLimit);
    }

    [Fact]
    public void Server_example_serves_allowed_networks_with_a_rate_limit()
    {
        var s = Example("server.conf");
        Assert.Equal(3, s.Sources.Count);
        Assert.Equal([new IPEndPoint(IPAddress.Any, 123), new IPEndPoint(IPAddress.IPv6Any, 123)], s.Server.Listen);
        var acl = s.Server.BuildAccessControl();
        Assert.True(acl.IsAllowed(Timing.Server.ClientAddress.FromIPAddress(IPAddress.Parse("10.1.2.3"))));
        Assert.False(acl.IsAllowed(Timing.Server.ClientAddress.FromIPAddress(IPAddress.Parse("10.66.2.3"))));
        Assert.False(acl.IsAllowed(Timing.Server.ClientAddress.FromIPAddress(IPAddress.Parse("8.8.8.8"))));
        Assert.Equal((1, 16, 2), (s.Server.RateLimit!.IntervalLog2, s.Server.RateLimit.Burst, s.Server.RateLimit.LeakLog2));
    }
}
