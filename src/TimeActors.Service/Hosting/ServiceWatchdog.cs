using System.Globalization;
using Microsoft.Extensions.Logging;
using TimeActors.Service.Status;
using TimeActors.Timing.Selection;

namespace TimeActors.Service.Hosting;

/// <summary>
/// Feeds systemd's watchdog only while the actor system answers: each tick asks the service guardian
/// for its status (the same question the control endpoint asks) and sends WATCHDOG=1 with a STATUS=
/// summary when the answer comes within half a ping interval. A hung actor system (blocked dispatcher,
/// deadlocked guardian) gives no answer, the pings stop and systemd restarts the service after
/// WatchdogSec. The answer is awaited on a real-time timeout, not the actor scheduler's, so a hung
/// scheduler cannot hold the probe open either.
/// </summary>
public sealed class ServiceWatchdog
{
    private readonly Func<TimeSpan, CancellationToken, Task<ServiceStatus>> _askStatus;
    private readonly SystemdNotifier _notifier;
    private readonly ILogger _log;
    private bool _missing;

    /// <param name="askStatus">Asks the guardian for status with the given timeout.</param>
    /// <param name="notifier">Where WATCHDOG=1 goes.</param>
    /// <param name="pingInterval">Time between probes; half of systemd's WatchdogSec.</param>
    /// <param name="log">Logs when pings stop and resume.</param>
    public ServiceWatchdog(Func<TimeSpan, CancellationToken, Task<ServiceStatus>> askStatus, SystemdNotifier notifier, TimeSpan pingInterval, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(askStatus);
        ArgumentNullException.ThrowIfNull(notifier);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pingInterval, TimeSpan.Zero);
        _askStatus = askStatus;
        _notifier = notifier;
        _log = log;
        PingInterval = pingInterval;
    }

    public TimeSpan PingInterval { get; }

    /// <summary>A probe must answer within half a ping interval so that it ends before the next tick.</summary>
    public TimeSpan AskTimeout => PingInterval / 2;

    /// <summary>Pings sent so far.</summary>
    public long Pings { get; private set; }

    /// <summary>Ticks on which the actor system did not answer and no ping was sent.</summary>
    public long Withheld { get; private set; }

    /// <summary>Probes the actor system once; true when it answered and WATCHDOG=1 was sent.</summary>
    public async Task<bool> TickAsync(CancellationToken cancellationToken)
    {
        ServiceStatus status;
        try
        {
            status = await _askStatus(AskTimeout, cancellationToken).WaitAsync(AskTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Withheld++;
            _notifier.Notify(SystemdNotifier.StatusAssignment($"Actor system not answering ({e.GetType().Name}); watchdog pings withheld"));
            if (!_missing)
            {
                _log.LogError("The actor system did not answer within {AskTimeoutSeconds} s ({Reason}); withholding the systemd watchdog ping so systemd restarts a hung service", AskTimeout.TotalSeconds, e.Message);
                _missing = true;
            }

            return false;
        }

        if (_missing)
        {
            _log.LogWarning("The actor system answers again; systemd watchdog pings resumed");
            _missing = false;
        }

        if (_notifier.Notify("WATCHDOG=1\n" + SystemdNotifier.StatusAssignment(Describe(status))))
        {
            Pings++;
        }

        return true;
    }

    /// <summary>Ticks every <see cref="PingInterval"/> (the first at once) until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(PingInterval);
        try
        {
            do
            {
                await TickAsync(cancellationToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the host sends STOPPING=1.
        }
    }

    /// <summary>The one-line STATUS= text `systemctl status timeactors` shows.</summary>
    public static string Describe(ServiceStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var reachable = status.Sources.Count(s => s.Reach != 0);
        var sources = string.Create(CultureInfo.InvariantCulture, $"{reachable} of {status.Sources.Count} sources reachable");
        var t = status.Tracking;
        return t.Synchronized
            ? string.Create(CultureInfo.InvariantCulture, $"Synchronised to {t.Reference} (stratum {t.Stratum}), offset {t.OffsetSeconds:+0.000000;-0.000000} s, {sources}, clock mode {t.Mode}")
            : string.Create(CultureInfo.InvariantCulture, $"Not synchronised, {sources}, {status.Sources.Count(s => s.State == SourceSelectionState.Falseticker)} falsetickers, clock mode {t.Mode}");
    }
}
