using System.Globalization;
using System.Text;
using System.Text.Json;
using TimeActors.EndToEnd.Tests.Harness;

namespace TimeActors.EndToEnd.Tests.Service;

/// <summary>
/// The fault tests' view of <see cref="ServiceProcess"/>: a configuration written from source entries
/// and an optional listen address, and the status as <see cref="JsonElement"/>s with helpers for the
/// fields the fault tests judge. Starting, the control socket and the command line are
/// <see cref="ServiceProcess"/>'s.
/// </summary>
public sealed class TimeActorsServiceProcess
{
    private readonly ServiceProcess _service;

    private TimeActorsServiceProcess(NetworkTestbed testbed, ServiceProcess service)
    {
        Testbed = testbed;
        _service = service;
    }

    public NetworkTestbed Testbed { get; }

    public TestbedNode Node => _service.Node;

    public string ConfigPath => _service.ConfigPath;

    public string ControlSocket => _service.SocketPath;

    public BackgroundProcess Process => _service.Process;

    public int Pid => _service.Pid;

    /// <summary>
    /// Starts the service with <paramref name="sources"/> (HOCON source entries) and, when given, a
    /// server on <paramref name="serverListen"/>; returns once its control socket answers.
    /// </summary>
    public static TimeActorsServiceProcess Start(NetworkTestbed testbed, TestbedNode node, IEnumerable<string> sources, string? serverListen = null, string name = "service")
    {
        var body = new StringBuilder()
            .AppendLine("sources = [")
            .AppendJoin('\n', sources.Select(s => "    " + s)).AppendLine()
            .AppendLine("  ]");
        if (serverListen is not null)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"  server {{ listen = [\"{serverListen}\"], allow = [\"{NetworkTestbed.Subnet}\"] }}");
        }

        return new TimeActorsServiceProcess(testbed, ServiceProcess.Start(testbed, node, body.ToString(), name));
    }

    /// <summary>The status object (the JSON `timeactors status --json` prints), or null if the socket does not answer.</summary>
    public JsonElement? TryStatus() => _service.TryStatus() is { } text ? JsonDocument.Parse(text).RootElement.Clone() : null;

    public JsonElement Status() => TryStatus() ?? throw new InvalidOperationException($"the control socket did not answer. {Process}");

    /// <summary>Runs `timeactors status --json --control PATH` (the operator's way) in the service's namespace.</summary>
    public JsonElement StatusThroughCli() =>
        JsonDocument.Parse(_service.StatusCommand(Testbed).EnsureSuccess().StandardOutput).RootElement.Clone();

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
