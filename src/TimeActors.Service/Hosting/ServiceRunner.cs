using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TimeActors.Hocon;
using TimeActors.Service.Settings;

namespace TimeActors.Service.Hosting;

/// <summary>
/// `timeactors run`: load and validate the configuration, start the host, run until SIGTERM or
/// SIGINT (or until the actor system ends on its own), stop within the budget.
/// </summary>
public static class ServiceRunner
{
    public const int ExitOk = 0;

    /// <summary>The service could not start or ended because its actors failed.</summary>
    public const int ExitFailed = 1;

    /// <summary>The configuration is invalid; every problem is printed with file and line.</summary>
    public const int ExitBadConfig = 2;

    /// <summary>Loads the configuration; null (after printing every problem) when it is invalid.</summary>
    public static TimeActorsSettings? LoadSettings(string? configFile, TextWriter error, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            return SettingsLoader.Load(configFile, environment);
        }
        catch (HoconException e)
        {
            error.WriteLine(e.Message);
        }
        catch (SettingsException e)
        {
            foreach (var problem in e.Errors)
            {
                error.WriteLine(problem);
            }
        }

        return null;
    }

    /// <summary>Runs with the process's signals: SIGTERM and SIGINT stop the service.</summary>
    public static int Run(string? configFile, IServiceActorFactory factory, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var settings = LoadSettings(configFile, error);
        if (settings is null)
        {
            error.WriteLine($"timeactors run: the configuration is invalid; nothing was started");
            return ExitBadConfig;
        }

        using var stop = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            // Handled here (not by the runtime's default) so the host stops in order and the exit code is 0.
            context.Cancel = true;
            stop.Cancel();
        }

        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        return RunAsync(settings, factory, stop.Token).GetAwaiter().GetResult();
    }

    /// <summary>Runs until <paramref name="stop"/> fires or the host stops itself.</summary>
    public static async Task<int> RunAsync(TimeActorsSettings settings, IServiceActorFactory factory, CancellationToken stop, TextWriter? logOutput = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        IHost built;
        try
        {
            built = ServiceHost.Build(settings, factory, logOutput);
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException or InvalidOperationException)
        {
            // The composition root refused the settings (a mode an actor does not support yet, bad options).
            await (logOutput ?? Console.Error).WriteLineAsync($"timeactors run: {e.Message}").ConfigureAwait(false);
            return ExitFailed;
        }

        using var host = built;
        var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TimeActors.Service");
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        try
        {
            await host.StartAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await StopAsync(host).ConfigureAwait(false);
            return ExitOk;
        }
        catch (Exception e)
        {
            log.LogCritical("The service could not start: {Reason}", e.Message);
            await StopAsync(host).ConfigureAwait(false);
            return ExitFailed;
        }

        log.LogInformation(
            "TimeActors running: {Sources} sources, clock mode {Mode}, control socket {Control}",
            settings.Sources.Count,
            settings.Clock.ModeName,
            settings.Control.SocketPath ?? "off");

        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (stop.Register(() => stopped.TrySetResult()))
        using (lifetime.ApplicationStopping.Register(() => stopped.TrySetResult()))
        {
            await stopped.Task.ConfigureAwait(false);
        }

        // Stopped by the host itself (the actor system ended on its own) rather than by a signal: a failure.
        var byRequest = stop.IsCancellationRequested;
        log.LogInformation(byRequest ? "Stopping on request" : "Stopping: the actor system ended on its own");
        await StopAsync(host).ConfigureAwait(false);
        return byRequest ? ExitOk : ExitFailed;
    }

    private static async Task StopAsync(IHost host)
    {
        using var budget = new CancellationTokenSource(ServiceHost.StopBudget);
        try
        {
            await host.StopAsync(budget.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The budget ran out: the process ends anyway; what did not stop is abandoned.
            await Console.Error.WriteLineAsync($"timeactors: stopping took longer than {ServiceHost.StopBudget.TotalSeconds} s; exiting").ConfigureAwait(false);
        }
    }
}
