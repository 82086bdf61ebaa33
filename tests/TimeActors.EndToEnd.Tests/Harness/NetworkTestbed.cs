using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using TimeActors.Tests.Shared;
using static TimeActors.Tests.Shared.NetworkNamespaces;

namespace TimeActors.EndToEnd.Tests.Harness;

/// <summary>
/// Network namespaces joined over veth, one per simulated host, addresses 10.200.0.N/24. Two nodes
/// are joined by one veth pair; three or more each get a veth to a bridge in an extra "switch"
/// namespace. Every name starts with the run id <c>tae{pid}x{n}</c> so a later run can tell our
/// leftovers from anyone else's and remove them once this process is gone. Dispose removes all of
/// it (processes inside, namespaces, veth, /etc/netns files, the work directory) even after a
/// failed step; construction first removes what dead runs left behind.
/// </summary>
public sealed partial class NetworkTestbed : IDisposable
{
    public const string Prefix = "tae";
    public const string Subnet = "10.200.0.0/24";
    public const string WorkRoot = "/tmp/timeactors-e2e";
    private const string NetnsEtc = "/etc/netns";

    private static readonly Lock StaleSweep = new();
    private static int runCounter;
    private readonly List<string> _namespaces = [];
    private readonly List<BackgroundProcess> _processes = [];
    private readonly Lock _gate = new();
    private bool _disposed;

    private NetworkTestbed(int nodeCount)
    {
        RunId = $"{Prefix}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}x{Interlocked.Increment(ref runCounter).ToString(CultureInfo.InvariantCulture)}";
        WorkDirectory = Path.Combine(WorkRoot, RunId);
        var nodes = new List<TestbedNode>();
        for (var i = 0; i < nodeCount; i++)
        {
            var name = RunId + (char)('a' + i);
            nodes.Add(new TestbedNode(i, name, name, IPAddress.Parse($"10.200.0.{i + 1}")));
        }

        Nodes = nodes;

        // Interface names are limited to 15 characters (IFNAMSIZ); the longest is the bridge port "{node}p".
        if (RunId.Length + 2 > 15)
        {
            throw new InvalidOperationException($"run id {RunId} is too long for interface names");
        }

        SwitchNamespace = nodeCount > 2 ? RunId + "s" : null;
    }

    /// <summary>Like <c>tae4711x1</c>: the prefix of every namespace, interface and directory of this testbed.</summary>
    public string RunId { get; }

    public IReadOnlyList<TestbedNode> Nodes { get; }

    public TestbedNode A => Nodes[0];

    public TestbedNode B => Nodes[1];

    /// <summary>The namespace holding the bridge when there are more than two nodes.</summary>
    public string? SwitchNamespace { get; }

    /// <summary>Private directory for this run's configuration files, logs and sockets; deleted on dispose.</summary>
    public string WorkDirectory { get; }

    /// <summary>Builds the testbed; <paramref name="nodeCount"/> from 2 to 26.</summary>
    public static NetworkTestbed Create(int nodeCount = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodeCount, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nodeCount, 26);
        RemoveStaleRuns();
        var testbed = new NetworkTestbed(nodeCount);
        try
        {
            testbed.Build();
            return testbed;
        }
        catch
        {
            testbed.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Removes what test processes that no longer exist left behind: their namespaces (killing any
    /// chronyd or other process still inside), their /etc/netns directories, and their work
    /// directories, after killing every daemon named by a pid file in them.
    /// </summary>
    public static IReadOnlyList<string> RemoveStaleRuns()
    {
        // Tests create testbeds in parallel; one sweep at a time keeps them from deleting the same leftover twice.
        lock (StaleSweep)
        {
            return RemoveStaleRunsLocked();
        }
    }

    private static List<string> RemoveStaleRunsLocked()
    {
        var removed = new List<string>(NetworkNamespaces.RemoveStale(StaleNamespace()));
        foreach (var dir in StaleDirectories(NetnsEtc))
        {
            Directory.Delete(dir, recursive: true);
            removed.Add(dir);
        }

        foreach (var dir in StaleDirectories(WorkRoot))
        {
            DaemonPidFiles.KillAll(dir);
            Directory.Delete(dir, recursive: true);
            removed.Add(dir);
        }

        return removed;
    }

    /// <summary>Every namespace, /etc/netns entry, root-namespace interface and work directory of the run <paramref name="runId"/>.</summary>
    public static IReadOnlyList<string> ResourcesOf(string runId)
    {
        var found = new List<string>();
        found.AddRange(List().Where(n => BelongsTo(n, runId)).Select(n => "netns " + n));
        found.AddRange(Ip("-o", "link", "show").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':', 3)[1].Trim().Split('@')[0])
            .Where(n => BelongsTo(n, runId)).Select(n => "link " + n));
        foreach (var root in new[] { NetnsEtc, WorkRoot })
        {
            if (Directory.Exists(root))
            {
                found.AddRange(Directory.EnumerateDirectories(root, runId + "*").Where(d => BelongsTo(Path.GetFileName(d), runId)));
            }
        }

        return found;
    }

    public void SetLinkDown(TestbedNode node) => Ip("-n", node.Namespace, "link", "set", node.Interface, "down");

    public void SetLinkUp(TestbedNode node) => Ip("-n", node.Namespace, "link", "set", node.Interface, "up");

    /// <summary>Administrative state of the node's veth end (the UP flag), as <c>ip link</c> shows it.</summary>
    public bool IsLinkUp(TestbedNode node)
    {
        var line = Ip("-o", "-n", node.Namespace, "link", "show", "dev", node.Interface);
        var flags = line[(line.IndexOf('<', StringComparison.Ordinal) + 1)..line.IndexOf('>', StringComparison.Ordinal)].Split(',');
        return flags.Contains("UP");
    }

    /// <summary>Adds one more address (10.200.0.x) to a node, e.g. several servers on one host.</summary>
    public void AddAddress(TestbedNode node, IPAddress address) =>
        Ip("-n", node.Namespace, "addr", "add", $"{address}/24", "dev", node.Interface);

    /// <summary>
    /// Writes the node's own hosts file (<c>/etc/netns/NS/hosts</c>), which <c>ip netns exec</c> mounts
    /// over /etc/hosts for programs run in the namespace, and a resolv.conf pointing at the
    /// namespace's loopback, so a name missing from the file fails at once instead of leaving the
    /// testbed. Only programs started through <see cref="Exec"/>/<see cref="Start"/> see them;
    /// code entering the namespace with setns (NetworkNamespace.Run) still reads the host's files.
    /// </summary>
    public void WriteHosts(TestbedNode node, params (string Name, IPAddress Address)[] entries)
    {
        var dir = Path.Combine(NetnsEtc, node.Namespace);
        Directory.CreateDirectory(dir);
        var hosts = new StringBuilder("127.0.0.1 localhost\n");
        foreach (var (name, address) in entries)
        {
            hosts.Append(CultureInfo.InvariantCulture, $"{address} {name}\n");
        }

        File.WriteAllText(Path.Combine(dir, "hosts"), hosts.ToString());
        File.WriteAllText(Path.Combine(dir, "resolv.conf"), "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n");
    }

    /// <summary>Runs a command inside the node's namespace (<c>ip netns exec</c>) to completion.</summary>
    public CommandResult Exec(TestbedNode node, params string[] command) => Exec(node, Command.DefaultTimeout, command);

    public CommandResult Exec(TestbedNode node, TimeSpan timeout, params string[] command) =>
        Command.Run(InNamespace(node, command), timeout);

    /// <summary>The UDP sockets open in the node's namespace right now, with their owning process.</summary>
    public IReadOnlyList<UdpSocketInfo> UdpSockets(TestbedNode node) =>
        UdpSocketInfo.Parse(Ip("netns", "exec", node.Namespace, "ss", "-H", "-u", "-a", "-n", "-p"));

    /// <summary>Starts a long-running command inside the node's namespace; it is stopped on dispose at the latest.</summary>
    public BackgroundProcess Start(TestbedNode node, params string[] command)
    {
        var process = BackgroundProcess.Start(InNamespace(node, command));
        lock (_gate)
        {
            _processes.Add(process);
        }

        return process;
    }

    /// <summary>A private sub-directory of the work directory (mode 0700, as chronyd wants for its socket).</summary>
    public string CreateDirectory(string name)
    {
        var dir = Path.Combine(WorkDirectory, name);
        Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return dir;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var failures = new List<Exception>();
        BackgroundProcess[] processes;
        lock (_gate)
        {
            processes = [.. _processes];
        }

        foreach (var process in processes)
        {
            Attempt(failures, process.Dispose);
        }

        // Whatever escaped the list above (a daemon that forked) dies with its namespace.
        foreach (var ns in Enumerable.Reverse(_namespaces))
        {
            Attempt(failures, () =>
            {
                if (Exists(ns))
                {
                    Delete(ns);
                }
            });
            Attempt(failures, () =>
            {
                var etc = Path.Combine(NetnsEtc, ns);
                if (Directory.Exists(etc))
                {
                    Directory.Delete(etc, recursive: true);
                }
            });
        }

        Attempt(failures, () =>
        {
            if (Directory.Exists(WorkDirectory))
            {
                DaemonPidFiles.KillAll(WorkDirectory);
                Directory.Delete(WorkDirectory, recursive: true);
            }
        });
        if (failures.Count > 0)
        {
            throw new AggregateException($"cleanup of testbed {RunId} failed", failures);
        }
    }

    /// <summary>Run tae12x1 owns tae12x1, tae12x1a, tae12x1br ... but not tae12x10a, which is run 10's.</summary>
    private static bool BelongsTo(string name, string runId) =>
        name.StartsWith(runId, StringComparison.Ordinal) && name.AsSpan(runId.Length).IndexOfAnyExceptInRange('a', 'z') < 0;

    private static string[] InNamespace(TestbedNode node, string[] command) => ["ip", "netns", "exec", node.Namespace, .. command];

    private static void Attempt(List<Exception> failures, Action step)
    {
        try
        {
            step();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            failures.Add(e);
        }
    }

    private static IEnumerable<string> StaleDirectories(string root)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }

        return [.. Directory.EnumerateDirectories(root).Where(d =>
        {
            var match = StaleNamespace().Match(Path.GetFileName(d));
            return match.Success && !IsAlive(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
        })];
    }

    private void Build()
    {
        Directory.CreateDirectory(WorkDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var node in Nodes)
        {
            AddNamespace(node.Namespace);
        }

        if (SwitchNamespace is null)
        {
            Ip("link", "add", A.Interface, "netns", A.Namespace, "type", "veth", "peer", "name", B.Interface, "netns", B.Namespace);
        }
        else
        {
            AddNamespace(SwitchNamespace);
            var bridge = RunId + "br";
            Ip("-n", SwitchNamespace, "link", "add", bridge, "type", "bridge");
            Ip("-n", SwitchNamespace, "link", "set", bridge, "up");
            foreach (var node in Nodes)
            {
                var port = node.Interface + "p";
                Ip("link", "add", node.Interface, "netns", node.Namespace, "type", "veth", "peer", "name", port, "netns", SwitchNamespace);
                Ip("-n", SwitchNamespace, "link", "set", port, "master", bridge);
                Ip("-n", SwitchNamespace, "link", "set", port, "up");
            }
        }

        foreach (var node in Nodes)
        {
            Ip("-n", node.Namespace, "addr", "add", $"{node.Address}/24", "dev", node.Interface);
            Ip("-n", node.Namespace, "link", "set", "lo", "up");
            Ip("-n", node.Namespace, "link", "set", node.Interface, "up");
        }
    }

    private void AddNamespace(string name)
    {
        Ip("netns", "add", name);
        _namespaces.Add(name);
    }

    /// <summary>Our names: tae{pid}x{run} plus a node letter, or "s" for the switch.</summary>
    [GeneratedRegex($"^{Prefix}(\\d+)x\\d+[a-z]?$")]
    private static partial Regex StaleNamespace();
}
