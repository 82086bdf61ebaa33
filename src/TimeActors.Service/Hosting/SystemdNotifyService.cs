using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TimeActors.Actors;
using TimeActors.Hosting;
using TimeActors.Service.Messages;
using TimeActors.Service.Settings;
using TimeActors.Service.Status;

namespace TimeActors.Service.Hosting;

/// <summary>
/// Type=notify for `timeactors run`: registered after the actor system and the control endpoint, so
/// its start (READY=1) means both are up; with WatchdogSec set it runs a <see cref="ServiceWatchdog"/>;
/// it stops first (hosted services stop in reverse), so STOPPING=1 reaches systemd before the actors
/// wind down. Without NOTIFY_SOCKET it does nothing.
/// </summary>
internal sealed class SystemdNotifyService(
    SystemdNotifier notifier,
    TimeActorsSettings settings,
    IRequiredActor<ServiceGuardian> guardian,
    ILogger<SystemdNotifyService> log) : IHostedService, IDisposable
{
    private CancellationTokenSource? _stop;
    private Task? _watchdog;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!notifier.Enabled)
        {
            return;
        }

        var actor = await guardian.GetAsync(cancellationToken).ConfigureAwait(false);
        notifier.Notify("READY=1\n" + SystemdNotifier.StatusAssignment(
            $"Started: {settings.Sources.Count} sources, clock mode {settings.Clock.ModeName}, control socket {settings.Control.SocketPath ?? "off"}"));

        if (notifier.PingInterval is not { } interval)
        {
            log.LogInformation("Notified systemd (READY=1 on {NotifySocket}); no watchdog armed", notifier.SocketName);
            return;
        }

        var watchdog = new ServiceWatchdog((timeout, ct) => actor.Ask<ServiceStatus>(GetStatus.Instance, timeout, ct), notifier, interval, log);
        log.LogInformation("Notified systemd (READY=1 on {NotifySocket}); watchdog pings every {PingSeconds} s while the actor system answers", notifier.SocketName, interval.TotalSeconds);
        _stop = new CancellationTokenSource();
        _watchdog = Task.Run(() => watchdog.RunAsync(_stop.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!notifier.Enabled)
        {
            return;
        }

        notifier.Notify("STOPPING=1\n" + SystemdNotifier.StatusAssignment("Stopping"));
        if (_stop is not null && _watchdog is not null)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _watchdog.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        // The notifier belongs to the container, which disposes it.
        _stop?.Dispose();
    }
}
