using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace TimeActors.Service.Telemetry;

/// <summary>
/// A deliberately small HTTP/1.1 server for scrapers: GET (or HEAD) <c>/metrics</c> returns the text
/// exposition, <c>/healthz</c> "ok", anything else 404 (405 for other methods). One request per
/// connection (Connection: close), requests bounded in size and time, so a slow or hostile client costs
/// one socket for a few seconds and nothing else. No framework: the service stays a console app.
/// </summary>
public sealed class MetricsHttpServer : IAsyncDisposable
{
    private const int MaxRequestBytes = 16 * 1024;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    private readonly TcpListener _listener;
    private readonly Func<string> _exposition;
    private readonly ILogger? _log;
    private readonly CancellationTokenSource _stop = new();
    private Task? _accepting;

    public MetricsHttpServer(IPEndPoint listen, Func<string> exposition, ILogger? log = null)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(exposition);
        _listener = new TcpListener(listen);
        _exposition = exposition;
        _log = log;
    }

    /// <summary>The bound address (the real port when 0 was asked for).</summary>
    public IPEndPoint LocalEndpoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Binds (throws SocketException when the address is taken or not ours) and starts accepting.</summary>
    public void Start()
    {
        if (_listener.LocalEndpoint is IPEndPoint { AddressFamily: AddressFamily.InterNetworkV6 } v6 && v6.Address.Equals(IPAddress.IPv6Any))
        {
            _listener.Server.DualMode = true;
        }

        _listener.Start();
        _accepting = AcceptAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        if (_accepting is not null)
        {
            await _accepting.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(stop).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                _log?.LogDebug("Metrics endpoint: accept failed: {Reason}", e.Message);
                continue;
            }

            _ = ServeAsync(client, stop);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stop)
    {
        using var _ = client;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            var stream = client.GetStream();
            var head = await ReadHeadAsync(stream, timeout.Token).ConfigureAwait(false);
            var (status, contentType, body, headOnly) = Respond(head);
            var payload = Encoding.UTF8.GetBytes(body);
            var header = $"HTTP/1.1 {status}\r\nContent-Type: {contentType}\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(header), timeout.Token).ConfigureAwait(false);
            if (!headOnly)
            {
                await stream.WriteAsync(payload, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or was too slow: nothing to answer.
            _log?.LogDebug("Metrics endpoint: request abandoned: {Reason}", e.Message);
        }
    }

    /// <summary>The status line's code and reason, content type, body and whether to send the head only.</summary>
    private (string Status, string ContentType, string Body, bool HeadOnly) Respond(string? head)
    {
        const string Text = "text/plain; charset=utf-8";
        if (head is null)
        {
            return ("400 Bad Request", Text, "bad request\n", false);
        }

        var requestLine = head[..(head.IndexOfAny(['\r', '\n']) is var end and >= 0 ? end : head.Length)];
        var parts = requestLine.Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            return ("400 Bad Request", Text, "bad request\n", false);
        }

        var method = parts[0];
        var path = parts[1].Split('?', 2)[0];
        if (method is not ("GET" or "HEAD"))
        {
            return ("405 Method Not Allowed", Text, "only GET and HEAD\n", false);
        }

        var headOnly = method == "HEAD";
        if (path == "/metrics")
        {
            try
            {
                return ("200 OK", PrometheusTextWriter.ContentType, _exposition(), headOnly);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or NullReferenceException or ObjectDisposedException)
            {
                // A failing instrument callback must cost one scrape, not the endpoint.
                _log?.LogError("Metrics endpoint: collecting failed: {Reason}", e.Message);
                return ("500 Internal Server Error", Text, "collecting metrics failed\n", headOnly);
            }
        }

        return path switch
        {
            "/healthz" => ("200 OK", Text, "ok\n", headOnly),
            "/" => ("200 OK", Text, "TimeActors metrics: GET /metrics (Prometheus text format 0.0.4), /healthz\n", headOnly),
            _ => ("404 Not Found", Text, "not found; try /metrics\n", headOnly),
        };
    }

    // Reads up to the blank line that ends the request head; null when it is too long or malformed.
    private static async Task<string?> ReadHeadAsync(NetworkStream stream, CancellationToken cancel)
    {
        var buffer = new byte[MaxRequestBytes];
        int length = 0;
        while (length < buffer.Length)
        {
            int read = await stream.ReadAsync(buffer.AsMemory(length), cancel).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            length += read;
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal) || text.Contains("\n\n", StringComparison.Ordinal))
            {
                return text;
            }
        }

        return null;
    }
}
