using System.Net;
using TimeActors.Service.Hosting;
using TimeActors.Service.Network;
using TimeActors.Service.Settings;
using TimeActors.Timing.Hardware;
using TimeActors.Timing.Ports.Hardware;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Tests.Hosting;

/// <summary>Which interfaces get hardware timestamping, and what the operator is told about those that cannot (fake host).</summary>
public sealed class HardwareTimestampingSelectionTests
{
    private sealed class UnreadPhc : IPhcReader
    {
        public string Name => "fake";

        public int Read(Span<PhcClockReading> readings) => 0;

        public int ReadLinkSpeedMbps() => 1000;
    }

    /// <summary>A host whose interfaces in <c>capable</c> have a PHC; the others have none (as lo and veth).</summary>
    private sealed class FakeHost(string[] interfaces, params string[] capable) : IHardwareTimestampingHost
    {
        public List<(string Name, HardwareTimestampingSettings Settings)> Attempts { get; } = [];

        public IReadOnlyList<string> InterfaceNames() => interfaces;

        public bool TryOpen(string interfaceName, HardwareTimestampingSettings settings, out HardwareInterface? opened, out string reason)
        {
            Attempts.Add((interfaceName, settings));
            if (capable.Contains(interfaceName))
            {
                opened = new HardwareInterface(interfaceName, new PhcPolling(new PhcModel(HardwareTimestampingSelection.ToPhcModelOptions(settings)), new UnreadPhc()), null);
                reason = "";
                return true;
            }

            opened = null;
            reason = $"{interfaceName} has no hardware timestamping with a PHC (phc_index -1)";
            return false;
        }

        public string? OutgoingInterface(IPAddress remote) => remote.Equals(IPAddress.Parse("10.200.0.1")) ? "hw0" : "lo";

        public string? InterfaceOf(IPAddress local) => local.Equals(IPAddress.Parse("10.200.0.2")) ? "hw0" : null;
    }

    private static HardwareTimestampingSettings Entry(string name) => new() { Interface = name };

    [Fact]
    public void A_named_interface_that_cannot_is_one_warning_naming_it_and_the_reason_and_stays_on_kernel_stamps()
    {
        var host = new FakeHost(["lo", "veth0"]);
        var warnings = new List<string>();
        var opened = HardwareTimestampingSelection.Open([Entry("veth0")], host, warnings.Add);

        Assert.Empty(opened);
        var warning = Assert.Single(warnings);
        Assert.Contains("veth0", warning, StringComparison.Ordinal);
        Assert.Contains("phc_index -1", warning, StringComparison.Ordinal);
        Assert.Contains("kernel timestamps", warning, StringComparison.Ordinal);
        Assert.Equal(["veth0"], host.Attempts.Select(a => a.Name));
    }

    [Fact]
    public void A_wildcard_with_no_capable_interface_is_one_warning()
    {
        var host = new FakeHost(["lo", "veth0", "veth1"]);
        var warnings = new List<string>();
        var opened = HardwareTimestampingSelection.Open([Entry("*")], host, warnings.Add);

        Assert.Empty(opened);
        var warning = Assert.Single(warnings);
        Assert.Contains("none of the 3 interfaces", warning, StringComparison.Ordinal);
        Assert.Equal(["lo", "veth0", "veth1"], host.Attempts.Select(a => a.Name));
    }

    [Fact]
    public void A_wildcard_skips_the_interfaces_that_cannot_silently_when_one_can()
    {
        var host = new FakeHost(["lo", "hw0", "veth0"], "hw0");
        var warnings = new List<string>();
        var opened = HardwareTimestampingSelection.Open([Entry("*")], host, warnings.Add);

        Assert.Equal(["hw0"], opened.Select(o => o.Name));
        Assert.Empty(warnings);
    }

    [Fact]
    public void A_named_entry_wins_over_the_wildcard_for_its_interface_and_its_options_reach_the_model()
    {
        var host = new FakeHost(["lo", "hw0", "hw1"], "hw0", "hw1");
        var named = new HardwareTimestampingSettings
        {
            Interface = "hw1",
            RxFilter = RxFilter.All,
            TxCompensation = new TimeInterval(150),
            RxCompensation = new TimeInterval(-40),
            PhcPollInterval = TimeSpan.FromSeconds(4),
        };
        var warnings = new List<string>();
        var opened = HardwareTimestampingSelection.Open([Entry("*"), named], host, warnings.Add);

        Assert.Equal(["hw1", "hw0"], opened.Select(o => o.Name));
        Assert.Empty(warnings);
        Assert.Equal([("hw1", named)], host.Attempts.Where(a => a.Name == "hw1"));
        var options = opened[0].Polling.Model.Options;
        Assert.Equal(new TimeInterval(150), options.TxCompensation);
        Assert.Equal(new TimeInterval(-40), options.RxCompensation);
        Assert.Equal((2, 3), (options.MinPollLog2, options.MaxPollLog2));
    }

    [Fact]
    public void The_rx_filter_setting_maps_to_the_filters_tried()
    {
        Assert.Equal(TimeActors.Linux.Hardware.HwTimestampSetup.DefaultFilters, LinuxHardwareTimestampingHost.Filters(RxFilter.Auto));
        Assert.Equal([TimeActors.Linux.Hardware.HwTimestampRxFilter.NtpAll], LinuxHardwareTimestampingHost.Filters(RxFilter.Ntp));
        Assert.Equal([TimeActors.Linux.Hardware.HwTimestampRxFilter.None], LinuxHardwareTimestampingHost.Filters(RxFilter.None));
    }

    [Fact]
    public void On_this_host_loopback_cannot_and_says_why()
    {
        Assert.False(LinuxHardwareTimestampingHost.Instance.TryOpen("lo", Entry("lo"), out var opened, out var reason));
        Assert.Null(opened);
        Assert.Contains("lo", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_factory_gives_a_capable_interface_its_own_interface_actor_and_keeps_the_wildcard_one()
    {
        using var factory = new NetworkActorFactory(new SourceAddressResolver(new NoNames()), null, new FakeHost(["lo", "hw0", "veth0"], "hw0"));
        var dir = Directory.CreateTempSubdirectory("ta-hw-").FullName;
        TimeActorsSettings settings;
        try
        {
            var path = Path.Combine(dir, "hw.conf");
            File.WriteAllText(path, """
                timeactors.hardware-timestamping = [ { interface = "hw0" }, { interface = "veth0" } ]
                timeactors.sources = [ { server = "10.200.0.1" } ]
                """);
            settings = SettingsLoader.Load(path, new Dictionary<string, string>());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        var children = factory.CreateChildren(settings).ToList();
        Assert.Equal(
            [("interface", ServiceChildRole.Interface), ("interface-hw0", ServiceChildRole.Interface), ("source-0", ServiceChildRole.Source)],
            children.Select(c => (c.Name, c.Role)));
    }

    private sealed class NoNames : IHostNameResolver
    {
        public Task<IReadOnlyList<IPAddress>> ResolveAsync(string name, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<IPAddress>>([]);
    }
}
