using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using TimeActors.EndToEnd.Tests.Harness;
using TimeActors.Tests.Shared;

namespace TimeActors.EndToEnd.Tests.Service;

/// <summary>
/// Our service (`timeactors run`) as its own process in a testbed namespace, always in observe mode,
/// seen through its control socket. The testbed stops the process on dispose at the latest.
/// </summary>
public sealed class TimeActorsServiceProcess
{
    private TimeActorsServiceProcess(NetworkTestbed testbed, TestbedNode node, string configPath, string controlSocket, BackgroundProcess process)
    {
        Testbed = testbed;
        Node = node;
        ConfigPath = configPath;
        ControlSocket = controlSocket;
        Process = process;
    }

    public static string ServiceDll => RepositoryPaths.InRepo("src", "TimeActors.Service", "bin", "Release", "net10.0", "timeactors.dll");

    public NetworkTestbed Testbed { get; }

    public TestbedNode Node { get; }

    public string ConfigPath { get; }

    public string ControlSocket { get; }

    public BackgroundProcess Process { get; }

    public int Pid => Process.Pid;

    /// <summary>
    /// Writes a configuration (<paramref name="sources"/> are HOCON source entries, <paramref name="serverListen"/>
    /// an optional listen address), starts the service and waits until its control socket answers.
    /// </summary>
    public static TimeActorsServiceProcess Start(NetworkTestbed testbed, TestbedNode node, IEnumerable<string> sources, string? serverListen = null, string name = "service")
    {
        var dir = testbed.CreateDirectory(name);
        var control = Path.Combine(dir, "control.sock");
        var config = new StringBuilder()
            .AppendLine("timeactors {")
            .AppendLine("  clock.mode = observe")
            .AppendLine(CultureInfo.InvariantCulture, $"  control.socket = \"{control}\"")
            .AppendLine("  sources = [")
            .AppendJoin('\n', sources.Select(s => "    " + s)).AppendLine()
            .AppendLine("  ]");
        if (serverListen is not null)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"  server {{ listen = [\"{serverListen}\"], allow = [\"{NetworkTestbed.Subnet}\"] }}");
        }

        config.AppendLine("}");
        var configPath = Path.Combine(dir, "timeactors.conf");
        File.WriteAllText(configPath, config.ToString());
        if (!File.Exists(ServiceDll))
        {
            throw new InvalidOperationException($"{ServiceDll} is missing: build src/TimeActors.Service in Release first");
        }

        var process = testbed.Start(node, "dotnet", ServiceDll, "run", "--config", configPath);
        var service = new TimeActorsServiceProcess(testbed, node, configPath, control, process);
        Poll.Until(
            () => process.HasExited ? throw new InvalidOperationException($"the service exited: {process}") : service.TryStatus() is not null,
            TimeSpan.FromSeconds(30),
            "the service's control socket answering",
            () => process.ToString());
        return service;
    }

    /// <summary>The status object from the control socket (the same JSON `timeactors status --json` prints), or null if it does not answer.</summary>
    public JsonElement? TryStatus()
    {
        if (!File.Exists(ControlSocket))
        {
            return null;
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.ReceiveTimeout = 5000;
            socket.Connect(new UnixDomainSocketEndPoint(ControlSocket));
            socket.Send("status\n"u8);
            using var stream = new NetworkStream(socket, ownsSocket: false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var line = reader.ReadLine();
            return line is null ? null : JsonDocument.Parse(line).RootElement.Clone();
        }
        catch (SocketException)
        {
            return null; // not listening yet (or any more): the caller's deadline decides
        }
    }

    public JsonElement Status() => TryStatus() ?? throw new InvalidOperationException($"the control socket did not answer. {Process}");

    /// <summary>Runs `timeactors status --json --control PATH` (the operator's way) in the service's namespace.</summary>
    public JsonElement StatusThroughCli()
    {
        var result = Testbed.Exec(Node, TimeSpan.FromSeconds(30), "dotnet", ServiceDll, "status", "--json", "--control", ControlSocket).EnsureSuccess();
        return JsonDocument.Parse(result.StandardOutput).RootElement.Clone();
    }

    /// <summary>The source whose `address` is <paramref name="address"/> (e.g. "10.200.0.1:123").</summary>
    public static JsonElement Source(JsonElement status, string address) =>
        status.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("address").GetString() == address);

    public JsonElement Source(string address) => Source(Status(), address);

    /// <summary>The UDP sockets our process has open in its namespace, other than the server's listening ports.</summary>
    public IReadOnlyList<UdpSocketInfo> ClientSockets(int serverPort = 123) =>
        Testbed.UdpSockets(Node).Where(s => s.Pid == Pid && s.Local.Port != serverPort).ToList();

    /// <summary>Polls the status until the source at <paramref name="address"/> meets <paramref name="condition"/>; returns that source.</summary>
    public JsonElement WaitForSource(string address, Func<JsonElement, bool> condition, string what, TimeSpan timeout)
    {
        JsonElement? last = null;
        Poll.Until(
            () =>
            {
                EnsureRunning();
                last = Source(address);
                return condition(last.Value);
            },
            timeout,
            what,
            () => $"last: {last}\n{this}");
        return last!.Value;
    }

    public static string? State(JsonElement source) => source.GetProperty("state").GetString();

    public static long Samples(JsonElement source) => source.GetProperty("samples").GetInt64();

    /// <summary>Samples taken since start (each counts its RX stamp once); `samples` is only what the statistics hold.</summary>
    public static long SamplesTaken(JsonElement source) =>
        source.GetProperty("rx_stamps").EnumerateObject().Sum(p => p.Value.GetInt64());

    public static int Reach(JsonElement source) => source.GetProperty("reach").GetInt32();

    public static int PollLog2(JsonElement source) => source.GetProperty("poll_log2").GetInt32();

    public void EnsureRunning()
    {
        if (Process.HasExited)
        {
            throw new InvalidOperationException($"the service exited with {Process.ExitCode}: {Process}");
        }
    }

    public override string ToString() => $"{Process}\nconfig:\n{File.ReadAllText(ConfigPath)}";
}
