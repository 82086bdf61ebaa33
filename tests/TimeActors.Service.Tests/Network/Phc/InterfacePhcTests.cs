using TimeActors.Service.Network;
using TimeActors.Timing.Hardware;

namespace TimeActors.Service.Tests.Network.Phc;

/// <summary>Finding an interface's PHC on the real kernel: loopback has none, so the interface stays on kernel stamps.</summary>
public sealed class InterfacePhcTests
{
    [Fact]
    public void Loopback_has_no_phc_and_says_why()
    {
        Assert.False(InterfacePhc.TryOpen("lo", new PhcModelOptions(), out var polling, out var clock, out var reason));
        Assert.Null(polling);
        Assert.Null(clock);
        Assert.NotNull(reason);
        Assert.Equal("lo has no hardware timestamping with a PHC (phc_index -1)", reason);
    }

    [Fact]
    public void A_missing_interface_is_reported_not_thrown()
    {
        Assert.False(InterfacePhc.TryOpen("nosuch" + Environment.ProcessId, new PhcModelOptions(), out var polling, out _, out var reason));
        Assert.Null(polling);
        Assert.Contains("nosuch", reason, StringComparison.Ordinal);
    }
}
