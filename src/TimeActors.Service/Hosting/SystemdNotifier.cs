using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace TimeActors.Service.Hosting;

/// <summary>
/// The sd_notify protocol without libsystemd: one Unix datagram per state change ("READY=1",
/// "WATCHDOG=1", "STATUS=...", "STOPPING=1") to the socket systemd names in <c>NOTIFY_SOCKET</c>, a
/// file path or, with a leading '@', a name in the abstract namespace. When the variable is unset (not
/// started by systemd with Type=notify) the notifier is disabled and every call does nothing.
/// </summary>
public sealed class SystemdNotifier : IDisposable
{
    public const string NotifySocketVariable = "NOTIFY_SOCKET";
    public const string WatchdogUsecVariable = "WATCHDOG_USEC";
    public const string WatchdogPidVariable = "WATCHDOG_PID";

    private readonly Lock _gate = new();
    private readonly UnixDomainSocketEndPoint? _endpoint;
    private Socket? _socket;
    private bool _disposed;

    private SystemdNotifier(string? socketName, TimeSpan? watchdogInterval)
    {
        SocketName = socketName;
        WatchdogInterval = watchdogInterval;
        if (socketName is not null)
        {
            // systemd writes abstract names with '@'; the kernel (and .NET's endpoint) wants a leading NUL.
            _endpoint = new UnixDomainSocketEndPoint(socketName[0] == '@' ? "\0" + socketName[1..] : socketName);
        }
    }

    /// <summary>NOTIFY_SOCKET as given, or null when the service was not started with Type=notify.</summary>
    public string? SocketName { get; }

    public bool Enabled => _endpoint is not null;

    /// <summary>systemd's WatchdogSec for this process (WATCHDOG_USEC), or null when no watchdog is armed.</summary>
    public TimeSpan? WatchdogInterval { get; }

    /// <summary>Pings are due at half the watchdog interval (sd_watchdog_enabled(3)'s advice).</summary>
    public TimeSpan? PingInterval => WatchdogInterval / 2;

    /// <summary>Reads NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID from the process environment.</summary>
    public static SystemdNotifier FromEnvironment() =>
        FromVariables(name => Environment.GetEnvironmentVariable(name), Environment.ProcessId);

    /// <summary>
    /// As <see cref="FromEnvironment"/> from any variable lookup. A WATCHDOG_PID naming another process
    /// means the watchdog is meant for it (a parent that exec'd us without clearing it): not ours to ping.
    /// </summary>
    public static SystemdNotifier FromVariables(Func<string, string?> variable, int processId)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var socket = variable(NotifySocketVariable);
        if (string.IsNullOrEmpty(socket) || (socket[0] != '/' && socket[0] != '@'))
        {
            return new SystemdNotifier(null, null);
        }

        TimeSpan? watchdog = null;
        if (long.TryParse(variable(WatchdogUsecVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var usec) && usec > 0)
        {
            var pid = variable(WatchdogPidVariable);
            if (string.IsNullOrEmpty(pid) || (int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p == processId))
            {
                watchdog = TimeSpan.FromMicroseconds(usec);
            }
        }

        return new SystemdNotifier(socket, watchdog);
    }

    /// <summary>
    /// Sends one notification (newline-separated assignments). False when disabled or the send failed
    /// (systemd gone or not listening): notifications are advisory, the service runs on either way.
    /// </summary>
    public bool Notify(string state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_endpoint is null)
        {
            return false;
        }

        var bytes = Encoding.UTF8.GetBytes(state);
        lock (_gate)
        {
            if (_disposed)
            {
                return false;
            }

            try
            {
                _socket ??= new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
                return _socket.SendTo(bytes, SocketFlags.None, _endpoint) == bytes.Length;
            }
            catch (SocketException)
            {
                // The next notification opens a fresh socket; a watchdog miss is systemd's to act on.
                _socket?.Dispose();
                _socket = null;
                return false;
            }
        }
    }

    /// <summary>STATUS= text is one line: newlines would start new assignments.</summary>
    public static string StatusAssignment(string text) =>
        "STATUS=" + text.ReplaceLineEndings(" ");

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _socket?.Dispose();
            _socket = null;
        }
    }
}
