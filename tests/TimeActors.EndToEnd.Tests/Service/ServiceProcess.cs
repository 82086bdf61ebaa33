using System.Globalization;
using System.Text.Json;
using TimeActors.EndToEnd.Tests.Harness;
using TimeActors.Service.Control;

namespace TimeActors.EndToEnd.Tests.Service;

/// <summary>
/// `timeactors run --config FILE` as operators run it: its own process inside a testbed namespace
/// (started with <c>ip netns exec</c>, so it reads the namespace's hosts file), always in
/// <c>clock.mode = observe</c>, with its control socket in a private directory of the testbed. The
/// status is read through that socket and parsed by the documented JSON keys (the contract), not by
/// the service's own parser. The testbed stops the process on dispose at the latest.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(45);
    private readonly BackgroundProcess _process;

    private ServiceProcess(NetworkTestbed testbed, TestbedNode node, string name, string body)
    {
        Node = node;
        Directory = testbed.CreateDirectory(name);
        SocketPath = Path.Combine(Directory, "control.sock");
        ConfigPath = Path.Combine(Directory, "timeactors.conf");
        File.WriteAllText(ConfigPath, $$"""
            timeactors {
              clock.mode = observe
              control.socket = "{{SocketPath}}"
              {{body}}
            }
            """);
        _process = testbed.Start(node, "dotnet", DllPath, "run", "--config", ConfigPath);
    }

    /// <summary>The service assembly, copied next to the test assembly by the project reference.</summary>
    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "timeactors.dll");

    public TestbedNode Node { get; }

    public string Directory { get; }

    public string SocketPath { get; }

    public string ConfigPath { get; }

    public int Pid => _process.Pid;

    public string Output => _process.Output;

    /// <summary>The running process (exit state, output).</summary>
    public BackgroundProcess Process => _process;

    /// <summary>
    /// Starts the service in <paramref name="node"/> with <paramref name="body"/> (HOCON keys under
    /// <c>timeactors</c>, e.g. sources and server) and returns once its control socket answers.
    /// </summary>
    public static ServiceProcess Start(NetworkTestbed testbed, TestbedNode node, string body, string name = "timeactors")
    {
        var service = new ServiceProcess(testbed, node, name, body);
        Poll.Until(
            () =>
            {
                if (service._process.HasExited)
                {
                    throw new InvalidOperationException($"timeactors exited with {service._process.ExitCode} while starting:\n{service.Output}");
                }

                return File.Exists(service.SocketPath) && service.TryStatus() is not null;
            },
            StartTimeout,
            $"timeactors answering on {service.SocketPath}",
            () => service.Output);
        return service;
    }

    /// <summary>The raw `status` JSON line from the control socket.</summary>
    public string StatusJsonText() =>
        System.Text.Encoding.UTF8.GetString(ControlClient.RequestAsync(SocketPath, ControlRequest.Status, TimeSpan.FromSeconds(5)).GetAwaiter().GetResult());

    public JsonDocument Status() => JsonDocument.Parse(StatusJsonText());

    /// <summary>The sources of the status object, by the contract's keys.</summary>
    public IReadOnlyList<ServiceSourceStatus> Sources()
    {
        using var status = Status();
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"timeactors exited with {_process.ExitCode}:\n{Output}");
        }

        return [.. status.RootElement.GetProperty("sources").EnumerateArray().Select(ServiceSourceStatus.Read)];
    }

    /// <summary>
    /// The `server` object's counters by name (received, answered, interleaved, …); from the
    /// `status-detail` request also the stamps used for the answers, as "rx_stamps.kernel" etc.
    /// </summary>
    public IReadOnlyDictionary<string, long> ServerCounters()
    {
        var text = System.Text.Encoding.UTF8.GetString(ControlClient.RequestAsync(SocketPath, ControlRequest.StatusDetail, TimeSpan.FromSeconds(5)).GetAwaiter().GetResult());
        using var status = JsonDocument.Parse(text);
        var counters = new Dictionary<string, long>();
        foreach (var p in status.RootElement.GetProperty("server").EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var kind in p.Value.EnumerateObject())
                {
                    counters[$"{p.Name}.{kind.Name}"] = kind.Value.GetInt64();
                }
            }
            else
            {
                counters[p.Name] = p.Value.GetInt64();
            }
        }

        return counters;
    }

    /// <summary>`timeactors status --json --control PATH` through the command line, as operators and scripts use it.</summary>
    public CommandResult StatusCommand(NetworkTestbed testbed) =>
        testbed.Exec(Node, TimeSpan.FromSeconds(30), "dotnet", DllPath, "status", "--json", "--control", SocketPath);

    public void Dispose() => _process.Dispose();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"timeactors in {Node} (pid {Pid})");

    /// <summary>The raw `status` JSON line, or null while the control socket does not answer.</summary>
    public string? TryStatus()
    {
        try
        {
            return StatusJsonText();
        }
        catch (ControlUnavailableException)
        {
            return null; // not listening yet: the poll tries again
        }
    }
}
