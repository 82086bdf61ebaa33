using TimeActors.EndToEnd.Tests.Chrony;
using TimeActors.EndToEnd.Tests.Harness;
using Xunit.Abstractions;

namespace TimeActors.EndToEnd.Tests.SelfTests;

/// <summary>
/// The shape of the later comparison tests: one chronyd client measuring two servers in the same
/// run, found through a pool name in the client namespace's own hosts file.
/// </summary>
public sealed class ChronydPoolTests(ITestOutputHelper output)
{
    [Fact]
    public void A_pool_name_in_the_namespace_hosts_file_gives_a_chronyd_client_both_servers_measured_side_by_side()
    {
        using var testbed = NetworkTestbed.Create(3);
        var client = testbed.B;
        var (first, second) = (testbed.A, testbed.Nodes[2]);
        testbed.WriteHosts(client, ("pool.test", first.Address), ("pool.test", second.Address));
        using var serverA = ChronydProcess.Start(testbed, first, ChronyConfig.Server(), "server-a");
        using var serverC = ChronydProcess.Start(testbed, second, ChronyConfig.Server(), "server-c");
        var beforeA = ProcessUsage.Read(serverA.Pid);
        using var chronyd = ChronydProcess.Start(testbed, client, ChronyConfig.PoolClient("pool.test", maxSources: 2), "client");

        var log = chronyd.WaitForMeasurements(60, m => m.Interleaved, TimeSpan.FromSeconds(30));
        log = Poll.Until(
            () =>
            {
                var now = chronyd.Measurements();
                return new[] { "10.200.0.1", "10.200.0.3" }.All(a => now.Count(m => m.Address == a && m.Interleaved) >= 20) ? now : null;
            },
            TimeSpan.FromSeconds(30),
            "20 interleaved samples from each pool member",
            () => string.Join(", ", chronyd.Measurements().GroupBy(m => m.Address).Select(g => $"{g.Key}: {g.Count()}")));

        Assert.Equal(["10.200.0.1", "10.200.0.3"], log.Select(m => m.Address).Distinct().Order());
        foreach (var address in new[] { "10.200.0.1", "10.200.0.3" })
        {
            var stats = log.OffsetStatistics(address, interleaved: true);
            output.WriteLine($"chronyd client vs chronyd server {address} (pool.test, same run): {stats}");
            Assert.InRange(Math.Abs(stats.MeanS), 0, 50e-6);
        }

        Assert.Equal(2, chronyd.Sources().Count);
        var usageA = ProcessUsage.Read(serverA.Pid);
        output.WriteLine($"chronyd server A {usageA}, {usageA.CpuPercentSince(beforeA):0.0}% CPU while serving; client {ProcessUsage.Read(chronyd.Pid)}");
        Assert.InRange(usageA.RssBytes, 1L << 20, 1L << 30);
        Assert.True(usageA.CpuTime >= beforeA.CpuTime);
    }
}
