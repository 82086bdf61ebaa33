using System.Net.Sockets;
using System.Text;

namespace TimeActors.Deploy.Tests;

/// <summary>
/// The systemd side of sd_notify for tests: a bound Unix datagram socket (a file in a temporary
/// directory, or an abstract name) whose address goes into NOTIFY_SOCKET, and a way to wait for the
/// next notification.
/// </summary>
internal sealed class NotifySocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly byte[] _buffer = new byte[4096];
    private readonly List<string> _received = [];

    private NotifySocket(string variable, UnixDomainSocketEndPoint endpoint)
    {
        Variable = variable;
        _socket.Bind(endpoint);
    }

    /// <summary>The value for NOTIFY_SOCKET.</summary>
    public string Variable { get; }

    /// <summary>Every notification received so far, in order.</summary>
    public IReadOnlyList<string> Received => _received;

    public static NotifySocket AtPath(string path) => new(path, new UnixDomainSocketEndPoint(path));

    public static NotifySocket Abstract()
    {
        var name = $"timeactors-test-{Environment.ProcessId}-{Guid.NewGuid():N}";
        return new NotifySocket("@" + name, new UnixDomainSocketEndPoint("\0" + name));
    }

    /// <summary>The next notification, or null when none arrives within <paramref name="timeout"/>.</summary>
    public string? Next(TimeSpan timeout)
    {
        _socket.ReceiveTimeout = (int)Math.Max(1, timeout.TotalMilliseconds);
        try
        {
            var n = _socket.Receive(_buffer);
            var text = Encoding.UTF8.GetString(_buffer, 0, n);
            _received.Add(text);
            return text;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut || e.SocketErrorCode == SocketError.WouldBlock)
        {
            return null;
        }
    }

    /// <summary>Receives until a notification has the assignment <paramref name="assignment"/> (e.g. "READY=1").</summary>
    public string WaitFor(string assignment, TimeSpan timeout, Func<string>? context = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Next(deadline - DateTime.UtcNow) is { } message && Assignments(message).Contains(assignment))
            {
                return message;
            }
        }

        Assert.Fail($"no {assignment} within {timeout.TotalSeconds} s; received: [{string.Join(" | ", _received)}]\n{context?.Invoke()}");
        return "";
    }

    public static IReadOnlyList<string> Assignments(string message) => message.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public void Dispose() => _socket.Dispose();
}
