using System.Diagnostics;
using System.Globalization;
using TimeActors.EndToEnd.Tests.Faults;
using TimeActors.EndToEnd.Tests.Harness;
using TimeActors.EndToEnd.Tests.NtpTools;
using TimeActors.Tests.Shared;

namespace TimeActors.EndToEnd.Tests.SelfTests;

/// <summary>The testbed itself: namespaces over veth, link faults, hosts files, and cleanup.</summary>
public sealed class NetworkTestbedTests
{
    [Fact]
    public void Two_nodes_are_joined_by_a_veth_pair_and_nothing_remains_after_dispose()
    {
        string runId;
        using (var testbed = NetworkTestbed.Create())
        {
            runId = testbed.RunId;
            Assert.Matches($"^tae{Environment.ProcessId}x\\d+$", runId);
            Assert.Contains($"netns {testbed.A.Namespace}", NetworkTestbed.ResourcesOf(runId));
            Assert.Contains($"netns {testbed.B.Namespace}", NetworkTestbed.ResourcesOf(runId));
            Assert.Contains("inet 10.200.0.1/24", testbed.Exec(testbed.A, "ip", "-o", "addr", "show", "dev", testbed.A.Interface).EnsureSuccess().StandardOutput);
            Assert.Contains("inet 10.200.0.2/24", testbed.Exec(testbed.B, "ip", "-o", "addr", "show", "dev", testbed.B.Interface).EnsureSuccess().StandardOutput);
            Assert.Contains("veth", testbed.Exec(testbed.A, "ip", "-d", "-o", "link", "show", "dev", testbed.A.Interface).EnsureSuccess().StandardOutput);
            Assert.True(testbed.IsLinkUp(testbed.A));
            Assert.True(testbed.IsLinkUp(testbed.B));

            using var server = new ScriptedNtpServer(testbed.A, ScriptedNtpServer.Normal);
            var answer = NtpDig.Query(testbed, testbed.B, testbed.A.Address.ToString());
            Assert.True(answer.Accepted, answer.ToString());
            Assert.Equal(1, server.Requests);
        }

        Assert.Empty(NetworkTestbed.ResourcesOf(runId));
    }

    [Fact]
    public void A_test_that_throws_still_leaves_no_namespace_file_or_process_behind()
    {
        string runId = string.Empty, workDirectory = string.Empty;
        int chronydPid = 0, sleeperPid = 0;

        var failure = Assert.Throws<InvalidOperationException>((Action)(() =>
        {
            using var testbed = NetworkTestbed.Create(3);
            runId = testbed.RunId;
            workDirectory = testbed.WorkDirectory + "/";
            testbed.WriteHosts(testbed.B, ("pool.test", testbed.A.Address));
            var chronyd = Chrony.ChronydProcess.Start(testbed, testbed.A, Chrony.ChronyConfig.Server(), "server"); // not disposed by the test
            chronydPid = chronyd.Pid;
            sleeperPid = testbed.Start(testbed.B, "sleep", "300").Pid;
            throw new InvalidOperationException("the test body failed");
        }));

        Assert.Equal("the test body failed", failure.Message);
        Assert.Empty(NetworkTestbed.ResourcesOf(runId));
        Assert.False(DaemonPidFiles.Mentions(chronydPid, workDirectory));
        Assert.False(NetworkNamespaces.IsAlive(sleeperPid) && DaemonPidFiles.Mentions(sleeperPid, "sleep"));
    }

    [Fact]
    public void Setting_the_link_down_stops_traffic_and_setting_it_up_restores_it()
    {
        using var testbed = NetworkTestbed.Create();
        using var server = new ScriptedNtpServer(testbed.A, ScriptedNtpServer.Normal);
        var address = testbed.A.Address.ToString();
        Assert.True(NtpDig.Query(testbed, testbed.B, address).Accepted);

        testbed.SetLinkDown(testbed.B);
        Assert.False(testbed.IsLinkUp(testbed.B));
        var whileDown = NtpDig.Query(testbed, testbed.B, address, timeoutS: 1);
        Assert.False(whileDown.Accepted, whileDown.ToString());
        Assert.Equal(1, server.Requests);

        testbed.SetLinkUp(testbed.B);
        Assert.True(testbed.IsLinkUp(testbed.B));
        var afterUp = NtpDig.Query(testbed, testbed.B, address);
        Assert.True(afterUp.Accepted, afterUp.ToString());
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public void The_namespace_hosts_file_resolves_a_pool_name_inside_that_namespace_and_is_removed_with_it()
    {
        string hostsDir;
        using (var testbed = NetworkTestbed.Create())
        {
            testbed.WriteHosts(testbed.B, ("pool.test", testbed.A.Address), ("other.pool.test", testbed.B.Address));
            hostsDir = Path.Combine("/etc/netns", testbed.B.Namespace);
            Assert.True(File.Exists(Path.Combine(hostsDir, "hosts")));

            var resolved = testbed.Exec(testbed.B, "getent", "hosts", "pool.test").EnsureSuccess();
            Assert.Equal("10.200.0.1      pool.test", resolved.StandardOutput.Trim());

            // A name the file lacks fails at once: the namespace's resolver is its own loopback.
            var watch = Stopwatch.StartNew();
            var missing = testbed.Exec(testbed.B, "getent", "hosts", "missing.test");
            Assert.Equal(2, missing.ExitCode);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"lookup of a missing name took {watch.Elapsed}");

            using var server = new ScriptedNtpServer(testbed.A, ScriptedNtpServer.Normal);
            var answer = NtpDig.Query(testbed, testbed.B, "pool.test");
            Assert.True(answer.Accepted, answer.ToString());
            Assert.Equal("10.200.0.1", Assert.Single(answer.Answers).Ip);
        }

        Assert.False(Directory.Exists(hostsDir));
    }

    [Fact]
    public void Three_nodes_reach_each_other_through_the_bridge()
    {
        string runId;
        using (var testbed = NetworkTestbed.Create(3))
        {
            runId = testbed.RunId;
            Assert.NotNull(testbed.SwitchNamespace);
            Assert.Equal("10.200.0.3", testbed.Nodes[2].Address.ToString());
            using var server = new ScriptedNtpServer(testbed.A, ScriptedNtpServer.Normal);
            Assert.True(NtpDig.Query(testbed, testbed.Nodes[2], "10.200.0.1").Accepted);
            Assert.True(NtpDig.Query(testbed, testbed.B, "10.200.0.1").Accepted);
            Assert.Equal(2, server.Requests);
        }

        Assert.Empty(NetworkTestbed.ResourcesOf(runId));
    }
}
