using TimeActors.EndToEnd.Tests.Chrony;
using TimeActors.EndToEnd.Tests.Harness;
using Xunit.Abstractions;
using static TimeActors.EndToEnd.Tests.Service.TimeActorsServiceProcess;

namespace TimeActors.EndToEnd.Tests.Service;

/// <summary>
/// Issue 6, test 5 (peer killed and restarted): chronyd serving our service is killed as in a crash.
/// The source loses reach and is reported unreachable; chronyd starts again and the same service
/// process (same pid, never restarted) selects the source again with new samples.
/// </summary>
[Collection(ServiceProcessCollection.Name)]
public sealed class PeerRestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public void The_source_goes_unreachable_while_the_peer_is_dead_and_recovers_after_its_restart()
    {
        using var testbed = NetworkTestbed.Create();
        using var peer = ChronydProcess.Start(testbed, testbed.A, ChronyConfig.Server(), "peer");
        var address = $"{testbed.A.Address}:123";

        // 1/8 s polls: eight lost requests empty the reach register in a second.
        var service = TimeActorsServiceProcess.Start(testbed, testbed.B, [$"{{ server = \"{testbed.A.Address}\", iburst = on, minpoll = -3, maxpoll = -3 }}"]);
        var pid = service.Pid;
        var selected = service.WaitForSource(address, s => State(s) == "selected" && Samples(s) >= 3, "the source selected", Patience);

        peer.Kill();
        var lost = service.WaitForSource(address, s => State(s) == "unreachable" && Reach(s) == 0, "the source unreachable", Patience);
        Assert.True(SamplesTaken(lost) >= SamplesTaken(selected), $"samples went back: {lost}");

        peer.Start();
        var back = service.WaitForSource(
            address, s => State(s) == "selected" && Reach(s) != 0 && SamplesTaken(s) > SamplesTaken(lost), "the source selected again", Patience);

        service.EnsureRunning();
        Assert.Equal(pid, service.Pid);
        Assert.True(service.Status().GetProperty("tracking").GetProperty("synchronized").GetBoolean(), service.Status().ToString());

        // The operator's view agrees with the socket.
        var cli = TimeActorsServiceProcess.Source(service.StatusThroughCli(), address);
        Assert.True(SamplesTaken(cli) >= SamplesTaken(back));

        output.WriteLine(service.Process.Output);
    }
}
