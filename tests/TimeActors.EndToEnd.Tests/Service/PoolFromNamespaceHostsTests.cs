using TimeActors.EndToEnd.Tests.Chrony;
using TimeActors.EndToEnd.Tests.Harness;
using Xunit.Abstractions;

namespace TimeActors.EndToEnd.Tests.Service;

/// <summary>
/// Issue 6, test 4: a pool name that exists only in our namespace's own hosts file
/// (<c>/etc/netns/NAME/hosts</c>, mounted by <c>ip netns exec</c>) gives our service one source per
/// listed address, and it polls both chronyd servers behind them.
/// </summary>
[Collection(RealPeersCollection.Name)]
public sealed class PoolFromNamespaceHostsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_pool_name_from_the_namespace_hosts_file_gives_one_polled_source_per_listed_server()
    {
        string runId, workDirectory;
        int servicePid;
        using (var testbed = NetworkTestbed.Create(3)) // A and C: chronyd servers, B: us
        {
            (runId, workDirectory) = (testbed.RunId, testbed.WorkDirectory + "/");
            servicePid = Run(testbed);
        }

        // Nothing of the run is left: namespaces, hosts file, work directory, and our service process.
        Assert.False(NetworkTestbed.ResourcesOf(runId).Any(), string.Join(", ", NetworkTestbed.ResourcesOf(runId)));
        Assert.False(DaemonPidFiles.Mentions(servicePid, workDirectory), "our service survived the testbed");
    }

    private int Run(NetworkTestbed testbed)
    {
        var (first, second) = (testbed.A, testbed.Nodes[2]);
        testbed.WriteHosts(testbed.B, ("pool.test", first.Address), ("pool.test", second.Address));
        using var serverA = ChronydProcess.Start(testbed, first, ChronyConfig.Server(), "server-a");
        using var serverC = ChronydProcess.Start(testbed, second, ChronyConfig.Server(), "server-c");

        using var service = ServiceProcess.Start(testbed, testbed.B, $$"""
            sources = [ { pool = "pool.test", count = 4, iburst = on, minpoll = {{ChronyConfig.FastPoll}}, maxpoll = {{ChronyConfig.FastPoll}} } ]
            """);
        string[] expected = [$"{first.Address}:123", $"{second.Address}:123"];

        // Both members polled and answering, one of them chosen as the system peer.
        var sources = Poll.Until(
            () =>
            {
                var now = service.Sources();
                return now.Count == 2 && now.All(s => s.Reach != 0 && s.Samples >= 3) && now.Any(s => s.IsSelected) ? now : null;
            },
            Patience,
            "both pool.test members polled and one selected",
            () => service.StatusJsonText() + "\n" + service.Output);
        foreach (var source in sources)
        {
            output.WriteLine(source.ToString());
        }

        // Only the hosts file knows the name; the count of 4 is capped by the two addresses listed.
        Assert.Equal(expected, sources.Select(s => s.Address).Order());
        Assert.All(sources, s => Assert.Equal("pool.test", s.Name)); // as configured
        Assert.All(sources, s => Assert.True(s.RxKernel >= 3 && s.TxKernel >= 3, s.ToString()));
        Assert.All(sources, s => Assert.Contains(s.State, new[] { "selected", "combined", "candidate" }));
        Assert.True(serverA.ServerStats().NtpReceived >= 3, serverA.ServerStats().ToString());
        Assert.True(serverC.ServerStats().NtpReceived >= 3, serverC.ServerStats().ToString());
        Assert.True(DaemonPidFiles.Mentions(service.Pid, testbed.WorkDirectory + "/"), "the check below would not see our service");
        return service.Pid;
    }
}
