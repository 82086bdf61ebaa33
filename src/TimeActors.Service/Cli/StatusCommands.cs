using System.CommandLine;
using System.Text.Json;
using TimeActors.Hocon;
using TimeActors.Service.Control;
using TimeActors.Service.Settings;
using TimeActors.Service.Status;

namespace TimeActors.Service.Cli;

/// <summary>
/// `timeactors status|sources|tracking|ntpdata|serverstats [--json] [--control PATH | --config FILE]`:
/// ask the running service over its control socket and print a chronyc-like table, or JSON.
/// </summary>
public static class StatusCommands
{
    /// <summary>Exit code when no service answers on the control socket (chronyc's "506 Cannot talk to daemon").</summary>
    public const int NotRunningExitCode = 3;

    /// <summary>Exit code when the service answered badly, too late, or the options are wrong.</summary>
    public const int FailedExitCode = 1;

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    public static IEnumerable<Command> Build()
    {
        yield return Create("status", "Print tracking, sources and server counters in one view; with --json the status object scripts and monitoring read.", StatusTables.Status, (w, s) => StatusJson.Write(w, s));
        yield return Create("sources", "List the sources with their selection state, poll, reach and last sample (like chronyc sources).", StatusTables.Sources, (w, s) => WriteArray(w, s.Sources));
        yield return Create("tracking", "Print the local clock's tracking: reference, stratum, offset, frequency, root delay and dispersion, leap (like chronyc tracking).", StatusTables.Tracking, (w, s) => StatusJson.WriteTracking(w, s.Tracking, detail: true));
        yield return Create("ntpdata", "Print per-source measurement detail: timestamping used (hardware, kernel, daemon), interleaving, saved responses (like chronyc ntpdata).", StatusTables.NtpData, (w, s) => WriteArray(w, s.Sources));
        yield return Create("serverstats", "Print the server's counters: received, answered, rate limited, denied, malformed, timestamps by kind (like chronyc serverstats).", StatusTables.ServerStats, (w, s) => StatusJson.WriteServer(w, s.Server, detail: true));
    }

    private static Command Create(string name, string description, Action<ServiceStatus, TextWriter> table, Action<Utf8JsonWriter, ServiceStatus> json)
    {
        var command = new Command(name, description);
        var jsonOption = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var control = new Option<string?>("--control") { Description = $"The service's control socket (default: timeactors.control.socket of --config, else {ControlSettings.DefaultSocketPath})." };
        var config = new Option<FileInfo?>("--config") { Description = "Read the control socket path from this configuration file." };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for the answer.", DefaultValueFactory = _ => DefaultTimeout.TotalSeconds };
        command.Options.Add(jsonOption);
        command.Options.Add(control);
        command.Options.Add(config);
        command.Options.Add(timeout);
        command.SetAction(result => Run(
            name,
            result.GetValue(jsonOption),
            result.GetValue(control),
            result.GetValue(config)?.FullName,
            TimeSpan.FromSeconds(Math.Max(0.001, result.GetValue(timeout))),
            table,
            json,
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(
        string name,
        bool asJson,
        string? controlPath,
        string? configFile,
        TimeSpan timeout,
        Action<ServiceStatus, TextWriter> table,
        Action<Utf8JsonWriter, ServiceStatus> json,
        TextWriter output,
        TextWriter error)
    {
        string? path;
        try
        {
            path = controlPath ?? (configFile is null ? ControlSettings.DefaultSocketPath : SettingsLoader.Load(configFile).Control.SocketPath);
        }
        catch (Exception e) when (e is HoconException or SettingsException)
        {
            error.WriteLine($"timeactors {name}: {configFile}: {e.Message}");
            return FailedExitCode;
        }

        if (path is null)
        {
            error.WriteLine($"timeactors {name}: the control endpoint is turned off in {configFile} (timeactors.control.socket is empty)");
            return FailedExitCode;
        }

        byte[] answer;
        try
        {
            // `status --json` passes the contract object through untouched; the rest read the detail.
            var request = name == "status" && asJson ? ControlRequest.Status : ControlRequest.StatusDetail;
            answer = ControlClient.RequestAsync(path, request, timeout).GetAwaiter().GetResult();
            if (name == "status" && asJson)
            {
                output.WriteLine(System.Text.Encoding.UTF8.GetString(answer));
                return 0;
            }

            var status = StatusJson.Parse(answer);
            if (asJson)
            {
                using var buffer = new MemoryStream();
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    json(writer, status);
                }

                output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            }
            else
            {
                table(status, output);
            }

            return 0;
        }
        catch (ControlUnavailableException e)
        {
            error.WriteLine($"timeactors {name}: {e.Message}");
            return NotRunningExitCode;
        }
        catch (Exception e) when (e is IOException or JsonException or System.Net.Sockets.SocketException)
        {
            error.WriteLine($"timeactors {name}: {e.Message}");
            return FailedExitCode;
        }
    }

    private static void WriteArray(Utf8JsonWriter w, IReadOnlyList<SourceReport> sources)
    {
        w.WriteStartArray();
        foreach (var s in sources)
        {
            StatusJson.WriteSource(w, s);
        }

        w.WriteEndArray();
    }
}
