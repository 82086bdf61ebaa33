using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using TimeActors.Service.Control;
using TimeActors.Service.Status;

namespace TimeActors.Service.Tests.Control;

/// <summary>The control endpoint over a real Unix socket in a temporary directory, fed by a fake status source.</summary>
public sealed class ControlServerTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly string _dir = Directory.CreateTempSubdirectory("ta-ctl-").FullName;
    private readonly List<ControlServer> _servers = [];
    private int _queries;

    private string SocketPath => Path.Combine(_dir, "control.sock");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    private ControlServer Start(IStatusSource? source = null, TimeSpan? requestTimeout = null, string? path = null)
    {
        source ??= new DelegateStatusSource(_ =>
        {
            Interlocked.Increment(ref _queries);
            return Task.FromResult(SampleStatus.Create());
        });
        var server = new ControlServer(path ?? SocketPath, source, requestTimeout ?? Patience);
        _servers.Add(server);
        server.Start();
        return server;
    }

    private Socket Connect()
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(SocketPath));
        return socket;
    }

    /// <summary>Sends raw bytes and reads until the server closes.</summary>
    private async Task<string> Raw(byte[] request, bool shutdownSend = false)
    {
        using var socket = Connect();
        using var cts = new CancellationTokenSource(Patience);
        await socket.SendAsync(request, SocketFlags.None, cts.Token);
        if (shutdownSend)
        {
            socket.Shutdown(SocketShutdown.Send);
        }

        return await ReadToEnd(socket, cts.Token);
    }

    private static async Task<string> ReadToEnd(Socket socket, CancellationToken token)
    {
        var all = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, token)) > 0)
        {
            all.Write(buffer, 0, read);
        }

        return Encoding.UTF8.GetString(all.ToArray());
    }

    [Fact]
    public async Task Status_request_is_answered_with_the_status_json_and_one_newline()
    {
        var server = Start();
        var answer = await Raw("status\n"u8.ToArray());
        Assert.EndsWith("}\n", answer, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetString(StatusJson.Serialize(SampleStatus.Create())), answer.TrimEnd('\n'));
        Assert.Equal(1, server.Served);
        Assert.Equal(1, _queries);
    }

    [Fact]
    public async Task Client_reads_the_status_and_detail()
    {
        Start();
        var plain = await ControlClient.RequestAsync(SocketPath, ControlRequest.Status, Patience);
        Assert.False(JsonDocument.Parse(plain).RootElement.GetProperty("tracking").TryGetProperty("reference_id", out _));
        var detail = StatusJson.Parse(await ControlClient.RequestAsync(SocketPath, ControlRequest.StatusDetail, Patience));
        Assert.Equal(SampleStatus.Create().Server, detail.Server);
    }

    [Fact]
    public async Task A_request_ended_by_closing_instead_of_a_newline_or_with_crlf_is_accepted()
    {
        Start();
        Assert.Contains("\"tracking\"", await Raw("status"u8.ToArray(), shutdownSend: true), StringComparison.Ordinal);
        Assert.Contains("\"tracking\"", await Raw("status\r\n"u8.ToArray()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reboot\n", "unknown request")]
    [InlineData("\n", "unknown request")]
    [InlineData("stat\u00e9s\n", "one line of at most")]
    [InlineData("\u0000\u0001\u0002garbage\u00ff\n", "one line of at most")]
    public async Task Garbage_gets_an_error_object_and_the_endpoint_keeps_serving(string request, string error)
    {
        var server = Start();
        var answer = JsonDocument.Parse(await Raw(Encoding.Latin1.GetBytes(request))).RootElement;
        Assert.Contains(error, answer.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, server.Refused);
        Assert.Contains("\"tracking\"", await Raw("status\n"u8.ToArray()), StringComparison.Ordinal);
        Assert.Equal(0, _queries - 1);
    }

    [Fact]
    public async Task An_overlong_request_is_refused_without_reading_it_all()
    {
        var server = Start();
        var huge = Enumerable.Repeat((byte)'a', 1 << 20).ToArray();
        using var socket = Connect();
        using var cts = new CancellationTokenSource(Patience);

        // The server answers after MaxBytes and closes; our send of the rest may fail once it has.
        var send = socket.SendAsync(huge, SocketFlags.None, cts.Token).AsTask();
        string answer;
        try
        {
            answer = await ReadToEnd(socket, cts.Token);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            // Closing with our unread bytes queued resets the connection; the error answer may be lost with it.
            answer = "reset";
        }

        Assert.True(answer == "reset" || answer.Contains("one line of at most 256 bytes", StringComparison.Ordinal), answer);
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await send;
            throw new InvalidOperationException("the whole megabyte was sent: the server read far more than it needs");
        });
        Assert.Equal(1, server.Refused);
        Assert.Equal(0, _queries);
    }

    [Fact]
    public async Task A_slow_client_is_dropped_after_the_request_timeout()
    {
        var server = Start(requestTimeout: TimeSpan.FromMilliseconds(100));
        using var socket = Connect();
        await socket.SendAsync("sta"u8.ToArray(), SocketFlags.None);
        using var cts = new CancellationTokenSource(Patience);

        // Nothing more is sent: the server must close the connection on its own (EOF, no answer).
        Assert.Equal("", await ReadToEnd(socket, cts.Token));
        Assert.Equal(1, server.Refused);
        Assert.Contains("\"tracking\"", await Raw("status\n"u8.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_status_source_gives_an_error_object_not_a_crash()
    {
        var calls = 0;
        Start(new DelegateStatusSource(_ => Interlocked.Increment(ref calls) == 1
            ? throw new InvalidOperationException("guardian stopped")
            : Task.FromResult(SampleStatus.Create())));
        var error = await Assert.ThrowsAsync<IOException>(() => ControlClient.RequestAsync(SocketPath, "status", Patience));
        Assert.Contains("status unavailable: guardian stopped", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(await ControlClient.RequestAsync(SocketPath, "status", Patience));
    }

    [Fact]
    public async Task Many_clients_at_once_are_all_answered()
    {
        Start();
        var answers = await Task.WhenAll(Enumerable.Range(0, ControlServer.MaxConcurrentClients).Select(_ => ControlClient.RequestAsync(SocketPath, "status", Patience)));
        Assert.All(answers, a => Assert.Equal(SampleStatus.Create().Tracking.Stratum, StatusJson.Parse(a).Tracking.Stratum));
    }

    [Fact]
    public async Task Without_a_socket_the_client_says_the_service_is_not_running()
    {
        var error = await Assert.ThrowsAsync<ControlUnavailableException>(() => ControlClient.RequestAsync(SocketPath, "status", Patience));
        Assert.Contains($"not running (no control socket at {SocketPath})", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_socket_file_is_replaced_and_a_live_one_is_refused()
    {
        // A socket file nobody listens on: what a killed service leaves behind. (.NET unlinks the path a
        // socket bound when it is disposed, so the file is moved away meanwhile and back afterwards.)
        var aside = SocketPath + ".aside";
        using (var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            dead.Bind(new UnixDomainSocketEndPoint(SocketPath));
            File.Move(SocketPath, aside);
        }

        File.Move(aside, SocketPath);

        Assert.True(File.Exists(SocketPath));
        await Assert.ThrowsAsync<ControlUnavailableException>(() => ControlClient.RequestAsync(SocketPath, "status", Patience));
        Start();
        Assert.NotEmpty(await ControlClient.RequestAsync(SocketPath, "status", Patience));

        var second = new ControlServer(SocketPath, new DelegateStatusSource(_ => Task.FromResult(SampleStatus.Create())), Patience);
        Assert.Contains("in use", Assert.Throws<IOException>(second.Start).Message, StringComparison.Ordinal);
        await second.DisposeAsync();
        Assert.NotEmpty(await ControlClient.RequestAsync(SocketPath, "status", Patience));
    }

    [Fact]
    public async Task Stopping_does_not_wait_for_a_client_that_sends_nothing()
    {
        var server = Start(requestTimeout: TimeSpan.FromMinutes(5));
        using var socket = Connect();
        await socket.SendAsync("sta"u8.ToArray(), SocketFlags.None);

        // Well under the 5 minute request timeout: the stop token ends the waiting client.
        await server.DisposeAsync().AsTask().WaitAsync(Patience);
        _servers.Remove(server);
        using var cts = new CancellationTokenSource(Patience);
        try
        {
            Assert.Equal("", await ReadToEnd(socket, cts.Token));
        }
        catch (SocketException e)
        {
            // Closed with our bytes unread: a reset, which is as much a disconnect as EOF.
            Assert.Equal(SocketError.ConnectionReset, e.SocketErrorCode);
        }
    }

    [Fact]
    public async Task Stopping_removes_the_socket_and_creates_missing_directories_on_start()
    {
        var nested = Path.Combine(_dir, "run", "timeactors", "control.sock");
        var server = Start(path: nested);
        Assert.True(File.Exists(nested));
        await server.DisposeAsync();
        _servers.Remove(server);
        Assert.False(File.Exists(nested));
    }
}
