using System.Diagnostics;
using System.Globalization;
using System.Net;
using TimeActors.Linux.Sockets;
using Xunit.Abstractions;

namespace TimeActors.Linux.Tests;

/// <summary>
/// Seed 001: a reader blocked in epoll in one thread must wake for a TX stamp queued by a send in
/// another thread, promptly and not because a timeout ran out.
/// </summary>
public sealed class ErrorQueueWakeupTests(ITestOutputHelper output)
{
    private const int Rounds = 200;
    private const int PollTimeoutMs = 10_000;

    [Fact]
    public void Reader_blocked_in_another_thread_wakes_for_each_tx_stamp_with_epollpri()
    {
        using var server = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), Role = TimestampingRole.Server }, Kernel.Support);
        using var client = TimestampingUdpSocket.Open(new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), Remote = server.LocalEndPoint }, Kernel.Support);
        using var poller = new SocketPoller();
        poller.Add(client, 42);

        using var armed = new SemaphoreSlim(0);
        using var handled = new SemaphoreSlim(0);
        var readerTid = 0;
        var latenciesNs = new long[Rounds];
        var events = new PollEvents[Rounds];
        var waitMs = new double[Rounds];
        Exception? readerFailure = null;

        var reader = new Thread(() =>
        {
            try
            {
                readerTid = LinuxThreads.CurrentThreadId;
                using var batch = new MessageBatch(capacity: 4, payloadSize: 64);
                Span<PollReady> ready = stackalloc PollReady[4];
                for (var round = 0; round < Rounds; round++)
                {
                    armed.Release();
                    var started = Stopwatch.GetTimestamp();
                    var count = poller.Wait(ready, PollTimeoutMs, out _);
                    var wokeAt = KernelClocks.ReadRealtime().TotalNanoseconds;
                    waitMs[round] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    events[round] = count > 0 ? ready[0].Events : PollEvents.None;
                    var got = client.Receive(batch, ReceiveQueue.Error);
                    for (var i = 0; i < got; i++)
                    {
                        batch.ParseControl(i, out var control);
                        if (control.IsTxTimestamp)
                        {
                            latenciesNs[round] = wokeAt - control.SoftwareTimestamp.TotalNanoseconds;
                        }
                    }

                    handled.Release();
                }
            }
            catch (Exception e)
            {
                readerFailure = e;
                handled.Release(Rounds);
            }
        })
        { IsBackground = true, Name = "errqueue-reader" };
        reader.Start();

        var senderTid = LinuxThreads.CurrentThreadId;
        for (var round = 0; round < Rounds; round++)
        {
            Assert.True(armed.Wait(PollTimeoutMs));
            WaitUntilBlockedInEpoll(() => readerTid);
            client.Send([(byte)round]);
            Assert.True(handled.Wait(PollTimeoutMs * 2), $"reader did not come back in round {round}");
        }

        reader.Join();
        Assert.Null(readerFailure);
        Assert.NotEqual(senderTid, readerTid);
        for (var round = 0; round < Rounds; round++)
        {
            Assert.True(events[round].HasFlag(PollEvents.Priority), $"round {round}: woke with {events[round]}, not EPOLLPRI");
            Assert.True(latenciesNs[round] > 0, $"round {round}: no TX stamp read after the wake-up");
            Assert.True(waitMs[round] < PollTimeoutMs / 10.0, $"round {round}: waited {waitMs[round]} ms, close to the timeout");
        }

        Array.Sort(latenciesNs);
        var p50 = latenciesNs[Rounds / 2] / 1000.0;
        var p99 = latenciesNs[(Rounds * 99 / 100) - 1] / 1000.0;
        var max = latenciesNs[^1] / 1000.0;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error-queue wake-up latency (TX stamp -> epoll_wait returned in the other thread), {Rounds} rounds: p50 {p50:F1} us, p99 {p99:F1} us, max {max:F1} us"));
    }

    /// <summary>
    /// Fallback where wchan is hidden: /proc/self/task/TID/syscall names the blocking syscall
    /// (x86_64 epoll_wait 232, epoll_pwait 281; arm64 epoll_pwait 22; epoll_pwait2 441 on both).
    /// </summary>
    private static bool InEpollSyscall(int tid)
    {
        try
        {
            var first = File.ReadAllText($"/proc/self/task/{tid}/syscall").Split(' ')[0];
            var epoll = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64
                ? new[] { "22", "441" }
                : ["232", "281", "441"];
            return epoll.Contains(first);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Spins (no sleeping) until the reader thread sits in epoll_wait in the kernel.</summary>
    private static void WaitUntilBlockedInEpoll(Func<int> tid)
    {
        var watch = Stopwatch.StartNew();
        var spin = default(SpinWait);
        while (watch.ElapsedMilliseconds < PollTimeoutMs)
        {
            var channel = LinuxThreads.WaitChannel(tid());
            if (channel.Contains("epoll", StringComparison.Ordinal) || channel.Contains("ep_poll", StringComparison.Ordinal) || InEpollSyscall(tid()))
            {
                return;
            }

            spin.SpinOnce();
        }

        throw new TimeoutException("reader never blocked in epoll_wait");
    }
}
