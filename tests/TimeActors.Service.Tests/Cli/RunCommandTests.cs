using System.Diagnostics;
using System.Text.Json;
using TimeActors.Service.Control;
using TimeActors.Service.Hosting;
using TimeActors.Service.Settings;

namespace TimeActors.Service.Tests.Cli;

/// <summary>`timeactors run` as operators and CI start it: a child process with a config file, stopped by signals.</summary>
[Collection(TimeActors.Service.Tests.Cli.WholeServiceCollection.Name)]
public sealed class RunCommandTests : IDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("ta-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string SocketPath => Path.Combine(_dir, "control.sock");

    private string WriteConfig(string extra = "")
    {
        var path = Path.Combine(_dir, "timeactors.conf");
        File.WriteAllText(path, $$"""
            timeactors {
              control.socket = "{{SocketPath}}"
              clock.mode = observe
              sources = [ { server = "127.0.0.1", port = 1123 } ]
              {{extra}}
            }
            """);
        return path;
    }

    private static Process StartService(params string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "timeactors.dll"));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info)!;
    }

    /// <summary>Reads the service's log until the control endpoint is up (or the process ends).</summary>
    private static async Task<string> WaitUntilListening(Process process)
    {
        using var cts = new CancellationTokenSource(StartPatience);
        var seen = new System.Text.StringBuilder();
        while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
        {
            seen.AppendLine(line);
            if (line.Contains("Control endpoint listening", StringComparison.Ordinal))
            {
                return seen.ToString();
            }
        }

        throw new InvalidOperationException($"the service ended before listening: {seen}{await process.StandardError.ReadToEndAsync(cts.Token)}");
    }

    private static void Signal(Process process, string signal)
    {
        // The shell's built-in kill: no package beyond the base system is needed.
        using var kill = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", $"kill -{signal} {process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}" } })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Run_serves_status_and_stops_cleanly_within_two_seconds_on_a_signal(string signal)
    {
        using var process = StartService("run", "--config", WriteConfig());
        try
        {
            await WaitUntilListening(process);
            var status = StatusJson.Parse(await ControlClient.RequestAsync(SocketPath, ControlRequest.Status, TimeSpan.FromSeconds(10)));
            Assert.False(status.Tracking.Synchronized);
            Assert.Equal(16, status.Tracking.Stratum);
            Assert.Equal("observe", status.Tracking.Mode);
            var source = Assert.Single(status.Sources);
            Assert.Equal(("127.0.0.1", "127.0.0.1:1123"), (source.Name, source.Address));

            var stopwatch = Stopwatch.StartNew();
            Signal(process, signal);
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(deadline.Token);
            stopwatch.Stop();
            Assert.Equal(0, process.ExitCode);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"stopping took {stopwatch.Elapsed.TotalMilliseconds:F0} ms");
            Assert.False(File.Exists(SocketPath), "the control socket was left behind");
            Assert.Contains("Stopping on request", await process.StandardOutput.ReadToEndAsync(), StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    [Fact]
    public async Task An_invalid_configuration_exits_with_code_two_and_every_error_with_its_line()
    {
        var config = WriteConfig("clock.mode = steer\n  sources2 = []");
        using var process = StartService("run", "--config", config);
        using var deadline = new CancellationTokenSource(StartPatience);
        var error = await process.StandardError.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);
        Assert.Equal(ServiceRunner.ExitBadConfig, process.ExitCode);
        Assert.Contains($"{config}:5: `timeactors.clock.mode`: `steer` is not valid", error, StringComparison.Ordinal);
        Assert.Contains($"{config}:6: `timeactors.sources2`: unknown key; did you mean `sources`?", error, StringComparison.Ordinal);
        Assert.False(File.Exists(SocketPath));
    }

    [Fact]
    public async Task In_process_run_stops_with_its_token_and_a_second_instance_on_the_same_socket_fails()
    {
        var settings = SettingsLoader.Load(WriteConfig(), new Dictionary<string, string>());
        using var stop = new CancellationTokenSource();
        var log = new StringWriter();
        using var composition = ServiceComposition.CreateDefault();
        var run = ServiceRunner.RunAsync(settings, composition, stop.Token, TextWriter.Synchronized(log));
        var answer = await RetryUntilUp(() => ControlClient.RequestAsync(SocketPath, ControlRequest.Status, TimeSpan.FromSeconds(10)), run);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(answer).RootElement.GetProperty("sources").ValueKind);

        using var secondComposition = ServiceComposition.CreateDefault();
        var second = await ServiceRunner.RunAsync(settings, secondComposition, CancellationToken.None, new StringWriter());
        Assert.Equal(ServiceRunner.ExitFailed, second);

        // The first instance still answers: the second did not take its socket away.
        Assert.NotEmpty(await ControlClient.RequestAsync(SocketPath, ControlRequest.Status, TimeSpan.FromSeconds(10)));
        await stop.CancelAsync();
        Assert.Equal(ServiceRunner.ExitOk, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(File.Exists(SocketPath));
    }

    /// <summary>Waits for the in-process service's endpoint by retrying while it starts (each try waits on the socket, not on a clock).</summary>
    private static async Task<byte[]> RetryUntilUp(Func<Task<byte[]>> request, Task running)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await request();
            }
            catch (ControlUnavailableException) when (deadline.Elapsed < StartPatience && !running.IsCompleted)
            {
                await Task.Yield();
            }
        }
    }
}
