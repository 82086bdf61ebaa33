using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Service.Tests.Hosting;

/// <summary>
/// A synchronised stratum-1 NTP server on 127.0.0.1 for whole-service runs: our own server actors
/// answer unsynchronised until our clock has selected a source, which a client rejects, so a run
/// that must produce samples needs an already synchronised peer. It records each client endpoint.
/// </summary>
internal sealed class LoopbackNtpResponder : IDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopbackNtpResponder() => _loop = Task.Run(AnswerAsync);

    public int Port => ((IPEndPoint)_udp.Client.LocalEndPoint!).Port;

    public ConcurrentDictionary<IPEndPoint, int> Clients { get; } = new();

    private static NtpTimestamp Now() => NtpTimestamp.FromSystemTime(new SystemTime((DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100));

    private async Task AnswerAsync()
    {
        var reply = new byte[NtpHeader.Length];
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await _udp.ReceiveAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var receive = Now();
            if (received.Buffer.Length < NtpHeader.Length)
            {
                continue;
            }

            var request = NtpHeader.ReadFrom(received.Buffer);
            Clients.AddOrUpdate(received.RemoteEndPoint, 1, (_, n) => n + 1);
            new NtpHeader(
                LeapIndicator.NoWarning, request.Version, NtpMode.Server, 1, request.Poll, -20, NtpShort.Zero, NtpShort.Zero, 0x47505300,
                receive, request.Transmit, receive, Now()).WriteTo(reply);
            await _udp.SendAsync(reply, received.RemoteEndPoint);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _udp.Dispose();
        _stop.Dispose();
    }
}
