using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace TimeActors.Service.Control;

/// <summary>Sends one request to the control endpoint and returns its one-line JSON answer.</summary>
public static class ControlClient
{
    /// <summary>Largest answer read; a status with thousands of sources fits many times over.</summary>
    public const int MaxResponseBytes = 16 * 1024 * 1024;

    /// <exception cref="ControlUnavailableException">No socket at <paramref name="path"/>, or nobody listening on it.</exception>
    /// <exception cref="IOException">The service answered with an error object, too much, or nothing in time.</exception>
    public static async Task<byte[]> RequestAsync(string path, string request, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(request);
        if (!File.Exists(path))
        {
            throw new ControlUnavailableException($"the service is not running (no control socket at {path})");
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cts.Token).ConfigureAwait(false);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable)
        {
            throw new ControlUnavailableException($"the service is not running (nothing listens on {path})", e);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AccessDenied)
        {
            throw new ControlUnavailableException($"no permission to connect to {path} (run as the service's user or group)", e);
        }

        try
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes(request + "\n"), SocketFlags.None, cts.Token).ConfigureAwait(false);
            using var answer = new MemoryStream();
            var buffer = new byte[64 * 1024];
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                if (answer.Length + read > MaxResponseBytes)
                {
                    throw new IOException($"the answer from {path} is larger than {MaxResponseBytes} bytes");
                }

                answer.Write(buffer, 0, read);
            }

            var bytes = answer.ToArray().AsSpan().TrimEnd((byte)'\n').ToArray();
            ThrowIfError(bytes, path);
            return bytes;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IOException($"the service did not answer on {path} within {timeout.TotalSeconds:0.###} s");
        }
    }

    private static void ThrowIfError(byte[] bytes, string path)
    {
        if (bytes.Length == 0)
        {
            throw new IOException($"the service closed {path} without an answer");
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error))
            {
                throw new IOException($"the service refused the request: {error.GetString()}");
            }
        }
        catch (JsonException e)
        {
            throw new IOException($"the answer from {path} is not JSON: {e.Message}", e);
        }
    }
}
