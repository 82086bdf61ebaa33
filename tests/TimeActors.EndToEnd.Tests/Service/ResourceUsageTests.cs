using System.Globalization;
using TimeActors.EndToEnd.Tests.Chrony;
using TimeActors.EndToEnd.Tests.Harness;
using Xunit.Abstractions;
using static TimeActors.EndToEnd.Tests.Service.TimeActorsServiceProcess;

namespace TimeActors.EndToEnd.Tests.Service;

/// <summary>
/// The closing-note figure: steady-state RSS and CPU of `timeactors run` with 4 sources, and of
/// `chronyd -x` with the same 4 chronyd servers, sampled over the same interval after a warm-up.
/// Only generous bounds are asserted (a shared, loaded machine); the figures are printed.
/// </summary>
[Collection(ServiceProcessCollection.Name)]
public sealed class ResourceUsageTests(ITestOutputHelper output)
{
    private const int PollLog2 = -2;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    [Fact]
    public void Rss_and_cpu_with_four_sources_beside_chronyd()
    {
        using var testbed = NetworkTestbed.Create(5);
        var servers = testbed.Nodes.Skip(1).ToList();
        var peers = servers.Select((node, i) => ChronydProcess.Start(testbed, node, ChronyConfig.Server(), $"peer{i}")).ToList();
        try
        {
            using var chronyd = ChronydProcess.Start(
                testbed, testbed.A, ChronyConfig.ClientOf(servers.Select(n => n.Address.ToString()), xleave: true, minPoll: PollLog2, maxPoll: PollLog2), "client");
            var service = TimeActorsServiceProcess.Start(
                testbed,
                testbed.A,
                servers.Select(n => string.Create(CultureInfo.InvariantCulture, $"{{ server = \"{n.Address}\", iburst = on, xleave = on, minpoll = {PollLog2}, maxpoll = {PollLog2} }}")));

            // Warm-up: every source of both clients has samples (JIT and first allocations are done).
            Poll.Until(
                () => service.Status().GetProperty("sources").EnumerateArray().All(s => Samples(s) >= 4)
                      && service.Status().GetProperty("tracking").GetProperty("synchronized").GetBoolean()
                      && chronyd.Sources().Count(s => s.Reach != 0) == 4,
                TimeSpan.FromSeconds(30),
                "both clients warmed up on 4 sources",
                () => service.Status().ToString());
            long samplesBefore = service.Status().GetProperty("sources").EnumerateArray().Sum(SamplesTaken);

            var ours0 = ProcessUsage.Read(service.Pid);
            var theirs0 = ProcessUsage.Read(chronyd.Pid);
            long oursPeakRss = ours0.RssBytes;
            long theirsPeakRss = theirs0.RssBytes;
            var end = ours0.SampledUtc + Window;

            // No status queries inside the window: they would bill our CPU for the test's own polling.
            Poll.Until(
                () =>
                {
                    service.EnsureRunning();
                    oursPeakRss = Math.Max(oursPeakRss, ProcessUsage.Read(service.Pid).RssBytes);
                    theirsPeakRss = Math.Max(theirsPeakRss, ProcessUsage.Read(chronyd.Pid).RssBytes);
                    return DateTime.UtcNow >= end;
                },
                Window + TimeSpan.FromSeconds(10),
                "the end of the measurement window");
            var ours1 = ProcessUsage.Read(service.Pid);
            var theirs1 = ProcessUsage.Read(chronyd.Pid);
            long samplesTaken = service.Status().GetProperty("sources").EnumerateArray().Sum(SamplesTaken) - samplesBefore;

            double oursCpu = ours1.CpuPercentSince(ours0);
            double theirsCpu = theirs1.CpuPercentSince(theirs0);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"4 sources at poll {PollLog2} (4 requests/s each), {(ours1.SampledUtc - ours0.SampledUtc).TotalSeconds:0.0} s window after warm-up, {samplesTaken} samples taken by us in the window"));
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"timeactors run : RSS {ours1.RssBytes / 1048576.0:0.0} MiB (peak {oursPeakRss / 1048576.0:0.0} MiB), CPU {oursCpu:0.00} % of one core ({(ours1.CpuTime - ours0.CpuTime).TotalMilliseconds:0} ms)"));
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"chronyd -x     : RSS {theirs1.RssBytes / 1048576.0:0.0} MiB (peak {theirsPeakRss / 1048576.0:0.0} MiB), CPU {theirsCpu:0.00} % of one core ({(theirs1.CpuTime - theirs0.CpuTime).TotalMilliseconds:0} ms)"));

            // Sane bounds only: a runaway (leak, busy loop) fails, load on the shared machine does not.
            Assert.True(samplesTaken >= 4 * 4 * 10, $"only {samplesTaken} samples in the window: not a steady state");
            Assert.InRange(ours1.RssBytes, 10L << 20, 400L << 20);
            Assert.True(oursPeakRss - ours0.RssBytes < 100L << 20, $"RSS grew by {(oursPeakRss - ours0.RssBytes) >> 20} MiB in the window");
            Assert.InRange(oursCpu, 0.0, 50.0);
            Assert.InRange(theirs1.RssBytes, 1L << 20, 100L << 20);
        }
        finally
        {
            peers.ForEach(p => p.Dispose());
        }
    }
}
