using TimeActors.EndToEnd.Tests.Chrony;
using TimeActors.EndToEnd.Tests.Harness;
using TimeActors.EndToEnd.Tests.NtpTools;
using TimeActors.EndToEnd.Tests.Statistics;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;
using Xunit.Abstractions;

namespace TimeActors.EndToEnd.Tests.SelfTests;

/// <summary>chronyd -x as server and client across the veth, observed through its logs and chronyc.</summary>
public sealed class ChronydHarnessTests(ITestOutputHelper output)
{
    private static readonly TimeSpan SampleTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void Chronyd_client_over_veth_uses_kernel_stamps_and_interleaved_mode_against_a_chronyd_server()
    {
        string runId, workDirectory;
        int serverPid, clientPid;
        using (var testbed = NetworkTestbed.Create())
        {
            runId = testbed.RunId;
            workDirectory = testbed.WorkDirectory + "/";
            using var server = ChronydProcess.Start(testbed, testbed.A, ChronyConfig.Server(), "server");
            using var client = ChronydProcess.Start(testbed, testbed.B, ChronyConfig.Client(testbed.A.Address, xleave: true), "client");
            serverPid = server.Pid;
            clientPid = client.Pid;

            var log = client.WaitForMeasurements(100, m => m.Interleaved, SampleTimeout);

            // chrony's first exchange with a server is basic: interleaved needs a previous one.
            Assert.False(log[0].Interleaved);
            Assert.All(log, m =>
            {
                Assert.Equal("10.200.0.1", m.Address);
                Assert.Equal(1, m.Stratum);
                Assert.Equal(NtpMode.Server, m.Mode);
                Assert.Equal(LeapIndicator.NoWarning, m.Leap);
                Assert.Equal(TimestampSource.Kernel, m.TxSource);
                Assert.Equal(TimestampSource.Kernel, m.RxSource);
                Assert.Equal(ChronyConfig.FastPoll, m.LocalPollLog2);
            });

            // Both ends read the same kernel clock: the offset is the measurement's own error.
            var interleaved = log.OffsetStatistics(interleaved: true);
            var basic = log.OffsetStatistics(interleaved: false);
            output.WriteLine($"chronyd client vs chronyd server over veth, interleaved: {interleaved}");
            output.WriteLine($"chronyd client vs chronyd server over veth, basic:       {basic}");
            output.WriteLine($"peer delay, interleaved: {OffsetStatistics.Of(log.Where(m => m.Interleaved).Select(m => m.PeerDelayS))}");
            Assert.InRange(Math.Abs(interleaved.MeanS), 0, 50e-6);
            Assert.InRange(interleaved.StandardDeviationS, 0, 50e-6);

            var source = Poll.Until(() => client.Sources().SingleOrDefault(s => s.IsSelected), SampleTimeout, "selection of 10.200.0.1",
                () => client.Chronyc("sources").ToString());
            Assert.Equal("10.200.0.1", source.Name);
            Assert.Equal('^', source.Mode);
            Assert.Equal(1, source.Stratum);
            Assert.NotEqual(0, source.Reach);

            var tracking = client.Tracking();
            Assert.True(tracking.IsSynchronized);
            Assert.Equal("0AC80001", tracking.ReferenceIdHex);
            Assert.Equal(2, tracking.Stratum);
            output.WriteLine($"chronyc tracking: {tracking}");

            var data = Assert.Single(client.NtpData());
            Assert.Equal("10.200.0.1", data.RemoteAddress);
            Assert.Equal(123, data.RemotePort);
            Assert.Equal("10.200.0.2", data.LocalAddress);
            Assert.Equal("Server", data.Mode);
            Assert.True(data.Interleaved);
            Assert.Equal("Kernel", data.TxTimestamping);
            Assert.Equal("Kernel", data.RxTimestamping);
            Assert.True(data.TotalValidRx >= log.Count);

            var stats = server.ServerStats();
            Assert.True(stats.NtpReceived >= log.Count, stats.ToString());
            Assert.True(stats.InterleavedNtp >= log.Count(m => m.Interleaved), stats.ToString());
        }

        Assert.False(NetworkTestbed.ResourcesOf(runId).Any(), string.Join(", ", NetworkTestbed.ResourcesOf(runId)));
        Assert.False(DaemonPidFiles.Mentions(serverPid, workDirectory), "the server chronyd survived the testbed");
        Assert.False(DaemonPidFiles.Mentions(clientPid, workDirectory), "the client chronyd survived the testbed");
    }

    [Fact]
    public void Chronyd_client_without_xleave_logs_only_basic_exchanges()
    {
        using var testbed = NetworkTestbed.Create();
        using var server = ChronydProcess.Start(testbed, testbed.A, ChronyConfig.Server(), "server");
        using var client = ChronydProcess.Start(testbed, testbed.B, ChronyConfig.Client(testbed.A.Address, xleave: false), "client");

        var log = client.WaitForMeasurements(16, _ => true, SampleTimeout);

        Assert.All(log, m => Assert.False(m.Interleaved));
        Assert.Equal(0, server.ServerStats().InterleavedNtp);
        output.WriteLine($"chronyd client vs chronyd server over veth, basic only: {OffsetStatistics.Of(log.Select(m => m.OffsetS))}");
    }

    [Fact]
    public void Chronyd_client_fails_test_2_on_responses_with_a_wrong_origin_and_never_selects_that_server()
    {
        using var testbed = NetworkTestbed.Create();
        using var server = new Faults.ScriptedNtpServer(testbed.A, Faults.ScriptedNtpServer.WrongOrigin);
        using var client = ChronydProcess.Start(testbed, testbed.B, ChronyConfig.Client(testbed.A.Address, xleave: false).With("log rawmeasurements"), "client");

        var raw = client.WaitForMeasurements(8, _ => true, SampleTimeout);

        foreach (var m in raw)
        {
            output.WriteLine($"{m.Tests123} {m.Tests567} {m.TestsAbcd} offset {m.OffsetS}");
        }

        Assert.All(raw, m => Assert.Equal('0', m.Tests123[1]));
        Assert.DoesNotContain(client.Sources(), s => s.IsSelected);
        Assert.False(client.Tracking().IsSynchronized);
        Assert.True(server.Requests >= raw.Count);
    }

    [Fact]
    public void A_killed_server_stops_answering_and_answers_again_after_a_restart()
    {
        using var testbed = NetworkTestbed.Create();
        using var server = ChronydProcess.Start(testbed, testbed.A, ChronyConfig.Server(), "server");
        var address = testbed.A.Address.ToString();
        Assert.True(NtpDig.Query(testbed, testbed.B, address).Accepted);
        var firstPid = server.Pid;

        server.Kill();
        Assert.False(server.IsRunning);
        Assert.False(DaemonPidFiles.Mentions(firstPid, server.ConfigPath));
        var whileDown = NtpDig.Query(testbed, testbed.B, address, timeoutS: 1);
        Assert.False(whileDown.Accepted, whileDown.ToString());

        server.Start();
        Assert.NotEqual(firstPid, server.Pid);
        var afterRestart = NtpDig.Query(testbed, testbed.B, address);
        Assert.True(afterRestart.Accepted, afterRestart.ToString());
    }

    [Fact]
    public void Chronyd_runs_with_minus_x_and_a_private_socket_pid_file_and_log_directory()
    {
        using var testbed = NetworkTestbed.Create();
        using var server = ChronydProcess.Start(testbed, testbed.A, ChronyConfig.Server(), "server");

        var cmdline = File.ReadAllText($"/proc/{server.Pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["chronyd", "-x", "-d", "-u", "root", "-f", server.ConfigPath], cmdline);
        Assert.Contains("Disabled control of system clock", server.Output);
        Assert.Equal(server.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(server.PidPath).Trim());
        Assert.StartsWith(testbed.WorkDirectory, server.SocketPath, StringComparison.Ordinal);
        var config = File.ReadAllLines(server.ConfigPath);
        Assert.Contains("cmdport 0", config);
        Assert.DoesNotContain(config, l => l.StartsWith("driftfile", StringComparison.Ordinal));

        var listening = Assert.Single(testbed.UdpSockets(testbed.A), s => s.Local.Port == 123);
        Assert.Equal("chronyd", listening.ProcessName);
        Assert.Equal(server.Pid, listening.Pid);

        // The daemon runs inside node A's namespace, not in the host's.
        Assert.Equal(NamespaceInode($"/var/run/netns/{testbed.A.Namespace}"), NamespaceInode($"/proc/{server.Pid}/ns/net"));
        Assert.NotEqual(NamespaceInode("/proc/self/ns/net"), NamespaceInode($"/proc/{server.Pid}/ns/net"));
    }

    private static string NamespaceInode(string path) => Command.Run("stat", "-L", "-c", "%i", path).EnsureSuccess().StandardOutput.Trim();
}
