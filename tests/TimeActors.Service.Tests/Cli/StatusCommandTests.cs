using System.CommandLine;
using System.Text.Json;
using TimeActors.Service.Cli;
using TimeActors.Service.Control;
using TimeActors.Service.Status;
using TimeActors.Service.Tests.Control;

namespace TimeActors.Service.Tests.Cli;

/// <summary>`timeactors status|sources|tracking|ntpdata|serverstats` against an endpoint fed by a fake status source.</summary>
public sealed class StatusCommandTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ta-cli-").FullName;
    private ControlServer? _server;

    private string SocketPath => Path.Combine(_dir, "control.sock");

    public Task InitializeAsync()
    {
        _server = new ControlServer(SocketPath, new DelegateStatusSource(_ => Task.FromResult(SampleStatus.Create())), TimeSpan.FromSeconds(10));
        _server.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server!.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = Program.BuildRootCommand().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Status_json_prints_exactly_the_contract_object()
    {
        var (exit, output, error) = Run("status", "--json", "--control", SocketPath);
        Assert.Equal(0, exit);
        Assert.Empty(error);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(StatusJson.Serialize(SampleStatus.Create())), output.TrimEnd('\n'));
    }

    [Fact]
    public void Tracking_table_shows_reference_stratum_offset_frequency_and_leap()
    {
        var (exit, output, _) = Run("tracking", "--control", SocketPath);
        Assert.Equal(0, exit);
        Assert.Contains("Reference ID        : 0AC80001 (ntp1.example)", output, StringComparison.Ordinal);
        Assert.Contains("Stratum             : 3", output, StringComparison.Ordinal);
        Assert.Contains("Last offset         : +0.000012500 seconds (local clock behind)", output, StringComparison.Ordinal);
        Assert.Contains("Frequency           : 12.500 ppm fast", output, StringComparison.Ordinal);
        Assert.Contains("Root delay          : 0.000375000 seconds", output, StringComparison.Ordinal);
        Assert.Contains("Root dispersion     : 0.012500000 seconds", output, StringComparison.Ordinal);
        Assert.Contains("Leap status         : Insert second", output, StringComparison.Ordinal);
        Assert.Contains("Clock mode          : observe", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Sources_table_has_one_line_per_source_with_chronyc_state_marks()
    {
        var (exit, output, _) = Run("sources", "--control", SocketPath);
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Matches(@"^\^\* ntp1\.example \(10\.200\.0\.1\)\s+selected\s+6\s+377\s+8\s+\+12\.500us\s+\[\s*250\.000us\] I$", lines[2]);
        Assert.Matches(@"^\^\? pool\.example\s+unreachable\s+10\s+0\s+0\s+-$", lines[3]);

        // Columns line up with the header.
        Assert.Equal(lines[0].IndexOf("State", StringComparison.Ordinal), lines[2].IndexOf("selected", StringComparison.Ordinal));
        Assert.Equal(lines[0].IndexOf("Reach", StringComparison.Ordinal) + "Reach".Length, lines[2].IndexOf("377", StringComparison.Ordinal) + 3);
    }

    [Fact]
    public void Ntpdata_shows_timestamping_kinds_and_saved_responses_per_source()
    {
        var (exit, output, _) = Run("ntpdata", "--control", SocketPath);
        Assert.Equal(0, exit);
        Assert.Contains("Remote address      : 10.200.0.1:123", output, StringComparison.Ordinal);
        Assert.Contains("TX timestamping     : Daemon (most used)", output, StringComparison.Ordinal);
        Assert.Contains("HW/kernel/daemon TX : 11 / 12 / 13", output, StringComparison.Ordinal);
        Assert.Contains("HW/kernel/daemon RX : 21 / 22 / 23", output, StringComparison.Ordinal);
        Assert.Contains("Saved responses     : 31 (released by stamp 32, by timeout 33, before send 34; discarded 35)", output, StringComparison.Ordinal);
        Assert.Contains("Remote address      : (not resolved)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Serverstats_table_and_json_show_counters_and_stamp_kinds()
    {
        var (exit, output, _) = Run("serverstats", "--control", SocketPath);
        Assert.Equal(0, exit);
        Assert.Contains("NTP packets received        : 101", output, StringComparison.Ordinal);
        Assert.Contains("NTP packets rate limited    : 104", output, StringComparison.Ordinal);
        Assert.Contains("NTP kernel RX timestamps    : 202", output, StringComparison.Ordinal);
        Assert.Contains("NTP hardware TX timestamps  : 301", output, StringComparison.Ordinal);

        var (_, json, _) = Run("serverstats", "--json", "--control", SocketPath);
        var server = JsonDocument.Parse(json).RootElement;
        Assert.Equal(106, server.GetProperty("dropped_malformed").GetInt64());
        Assert.Equal(303, server.GetProperty("tx_stamps").GetProperty("daemon").GetInt64());
    }

    [Fact]
    public void Sources_and_tracking_json_print_their_part()
    {
        var (_, sources, _) = Run("sources", "--json", "--control", SocketPath);
        Assert.Equal(["ntp1.example", "pool.example"], JsonDocument.Parse(sources).RootElement.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        var (_, tracking, _) = Run("tracking", "--json", "--control", SocketPath);
        Assert.Equal(3, JsonDocument.Parse(tracking).RootElement.GetProperty("stratum").GetInt32());
    }

    [Fact]
    public void Status_table_summarises_tracking_sources_and_server()
    {
        var (exit, output, _) = Run("status", "--control", SocketPath);
        Assert.Equal(0, exit);
        Assert.StartsWith("Synchronised to ntp1.example, stratum 3, offset +12.500us, frequency -12.500 ppm, mode observe", output, StringComparison.Ordinal);
        Assert.Contains("^* ntp1.example", output, StringComparison.Ordinal);
        Assert.Contains("Server: 101 received, 102 answered", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("sources")]
    [InlineData("tracking")]
    [InlineData("ntpdata")]
    [InlineData("serverstats")]
    public void Without_a_service_every_command_says_so_and_exits_three(string command)
    {
        var missing = Path.Combine(_dir, "absent.sock");
        var (exit, output, error) = Run(command, "--json", "--control", missing);
        Assert.Equal(StatusCommands.NotRunningExitCode, exit);
        Assert.Empty(output);
        Assert.Equal($"timeactors {command}: the service is not running (no control socket at {missing})", error.Trim());
    }

    [Fact]
    public void The_socket_path_can_come_from_the_configuration_file()
    {
        var config = Path.Combine(_dir, "t.conf");
        File.WriteAllText(config, $"timeactors.control.socket = \"{SocketPath}\"");
        var (exit, output, _) = Run("tracking", "--json", "--config", config);
        Assert.Equal(0, exit);
        Assert.Equal("ntp1.example", JsonDocument.Parse(output).RootElement.GetProperty("reference").GetString());
    }

    [Fact]
    public async Task A_service_answering_garbage_is_a_failure_not_a_crash()
    {
        var sneaky = Path.Combine(_dir, "odd.sock");
        var server = new ControlServer(sneaky, new DelegateStatusSource(_ => throw new InvalidOperationException("broken")), TimeSpan.FromSeconds(10));
        server.Start();
        try
        {
            var (exit, _, error) = Run("sources", "--control", sneaky);
            Assert.Equal(StatusCommands.FailedExitCode, exit);
            Assert.Contains("status unavailable: broken", error, StringComparison.Ordinal);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
