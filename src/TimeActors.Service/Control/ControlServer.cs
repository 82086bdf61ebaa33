using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TimeActors.Service.Control;

/// <summary>
/// The control endpoint: a Unix stream socket. A client sends one request line (`status`), gets one
/// line of JSON and the connection closes. Requests longer than <see cref="ControlRequest.MaxBytes"/>,
/// clients slower than the request timeout and anything that is not a known request get an error
/// object (or are dropped); nothing a client sends can stop the endpoint.
/// </summary>
public sealed class ControlServer : IAsyncDisposable
{
    /// <summary>Clients served at once; more are turned away so a flood cannot pile up status queries.</summary>
    public const int MaxConcurrentClients = 16;

    private readonly string _path;
    private readonly IStatusSource _status;
    private readonly TimeSpan _requestTimeout;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _slots = new(MaxConcurrentClients, MaxConcurrentClients);
    private Socket? _listener;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Task, byte> _inFlight = new();
    private Task _acceptLoop = Task.CompletedTask;
    private long _served;
    private long _refused;

    public ControlServer(string path, IStatusSource status, TimeSpan requestTimeout, ILogger? log = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(status);
        _path = path;
        _status = status;
        _requestTimeout = requestTimeout;
        _log = log ?? NullLogger.Instance;
    }

    public string Path => _path;

    /// <summary>Requests answered with a status.</summary>
    public long Served => Interlocked.Read(ref _served);

    /// <summary>Connections answered with an error or dropped (garbage, too long, too slow, too many).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>
    /// Binds the socket (creating its directory) and starts accepting. A socket file left by a dead
    /// process is replaced; one that answers belongs to a running service and is an error.
    /// </summary>
    public void Start()
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(_path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        RemoveStaleSocket();
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(_path));

            // Status is not secret, but only the service's user and group may connect.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
            }
            listener.Listen(MaxConcurrentClients);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _listener = listener;
        _acceptLoop = Task.Run(AcceptLoopAsync);
        _log.LogInformation("Control endpoint listening on {Path}", _path);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        await _acceptLoop.ConfigureAwait(false);

        // Clients being served see the stop token and finish at once; wait so nothing outlives the endpoint.
        await Task.WhenAll(_inFlight.Keys).ConfigureAwait(false);
        if (_listener is not null)
        {
            TryDelete(_path);
        }

        _stop.Dispose();
        _slots.Dispose();
    }

    private void RemoveStaleSocket()
    {
        if (!File.Exists(_path))
        {
            return;
        }

        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(_path));
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused)
        {
            File.Delete(_path);
            return;
        }

        throw new IOException($"{_path} is in use: another TimeActors service is running with this control socket");
    }

    private async Task AcceptLoopAsync()
    {
        var listener = _listener!;
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || (e is SocketException && _stop.IsCancellationRequested))
            {
                return;
            }
            catch (SocketException e)
            {
                // EMFILE and friends: keep the endpoint alive, the next accept may succeed.
                _log.LogWarning("Control endpoint accept failed: {Reason}", e.Message);
                continue;
            }

            if (!_slots.Wait(0))
            {
                Interlocked.Increment(ref _refused);
                client.Dispose();
                continue;
            }

            var serving = Task.Run(() => ServeAsync(client));
            _inFlight.TryAdd(serving, 0);
            _ = serving.ContinueWith(t => _inFlight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(_requestTimeout);
        var refused = false;
        try
        {
            var request = await ReadRequestAsync(client, timeout.Token).ConfigureAwait(false);
            byte[] answer;
            if (request is null)
            {
                refused = true;
                answer = Error($"a request is one line of at most {ControlRequest.MaxBytes} bytes");
            }
            else if (request is ControlRequest.Status or ControlRequest.StatusDetail)
            {
                try
                {
                    var status = await _status.GetStatusAsync(timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
                    answer = StatusJson.Serialize(status, detail: request == ControlRequest.StatusDetail);
                    Interlocked.Increment(ref _served);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _log.LogWarning(e, "Status for the control endpoint failed: {Reason}", e.Message);
                    answer = Error($"status unavailable: {e.Message}");
                }
            }
            else
            {
                refused = true;
                answer = Error($"unknown request; known requests are {string.Join(", ", ControlRequest.All)}");
            }

            await client.SendAsync(answer.Append((byte)'\n').ToArray(), SocketFlags.None, timeout.Token).ConfigureAwait(false);
            client.Shutdown(SocketShutdown.Both);
        }
        catch (OperationCanceledException)
        {
            // Too slow (or the endpoint is stopping): the client is dropped without an answer.
            refused = true;
        }
        catch (SocketException e)
        {
            // The client went away mid-conversation; nothing to answer.
            refused = true;
            _log.LogDebug("Control client dropped: {Reason}", e.Message);
        }
        finally
        {
            // Counted before closing, so a client that sees the close also sees the count.
            if (refused)
            {
                Interlocked.Increment(ref _refused);
            }

            client.Dispose();
            _slots.Release();
        }
    }

    /// <summary>The request line without its newline; null when it is too long, not ASCII text, or the client closed early.</summary>
    private static async Task<string?> ReadRequestAsync(Socket client, CancellationToken cancellationToken)
    {
        var buffer = new byte[ControlRequest.MaxBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await client.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            var newline = Array.IndexOf(buffer, (byte)'\n', length, read);
            length += read;
            if (newline >= 0)
            {
                length = newline;
                break;
            }
        }

        if (length == buffer.Length || buffer.AsSpan(0, length).ContainsAnyExceptInRange((byte)0x20, (byte)0x7E) && !IsCarriageReturnEnd(buffer, length))
        {
            return null;
        }

        return Encoding.ASCII.GetString(buffer, 0, length).Trim();
    }

    private static bool IsCarriageReturnEnd(byte[] buffer, int length) =>
        length > 0 && buffer[length - 1] == (byte)'\r' && !buffer.AsSpan(0, length - 1).ContainsAnyExceptInRange((byte)0x20, (byte)0x7E);

    private static byte[] Error(string message)
    {
        using var buffer = new MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("error", message);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException e)
        {
            // Already gone or replaced; the next start checks again.
            _log.LogDebug("Control socket {Path} not removed: {Reason}", path, e.Message);
        }
    }
}
