using TimeActors.Linux.Sockets;

namespace TimeActors.Linux.Tests;

/// <summary>Facts about the kernel the tests run on, probed once.</summary>
internal static class Kernel
{
    private static readonly Lazy<TimestampingSupport> SupportLazy = new(TimestampingSupport.Probe);

    public static TimestampingSupport Support => SupportLazy.Value;

    public static Version Release
    {
        get
        {
            var text = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
            var numeric = new string([.. text.TakeWhile(c => char.IsDigit(c) || c == '.')]).TrimEnd('.');
            var parts = numeric.Split('.');
            return new Version(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts.Length > 1 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 0);
        }
    }

    /// <summary>Waits on a poller for the first readiness of <paramref name="token"/>; fails after the timeout.</summary>
    public static PollEvents WaitFor(SocketPoller poller, ulong token, int timeoutMs = 5000)
    {
        Span<PollReady> ready = stackalloc PollReady[8];
        var deadline = Environment.TickCount64 + timeoutMs;
        while (Environment.TickCount64 < deadline)
        {
            var count = poller.Wait(ready, (int)Math.Max(1, deadline - Environment.TickCount64), out _);
            for (var i = 0; i < count; i++)
            {
                if (ready[i].Token == token)
                {
                    return ready[i].Events;
                }
            }
        }

        throw new TimeoutException($"token {token} not ready within {timeoutMs} ms");
    }

    /// <summary>
    /// Reads software TX stamps from <paramref name="socket"/>'s error queue until
    /// <paramref name="expected"/> have arrived (by stamp id); fails if fewer come within 5 s.
    /// </summary>
    public static Dictionary<uint, long> ReadTxStamps(TimestampingUdpSocket socket, MessageBatch batch, int expected)
    {
        var stamps = new Dictionary<uint, long>();
        using var poller = new SocketPoller();
        poller.Add(socket, 3);
        var deadline = Environment.TickCount64 + 5000;
        while (stamps.Count < expected && Environment.TickCount64 < deadline)
        {
            var count = socket.Receive(batch, ReceiveQueue.Error);
            for (var i = 0; i < count; i++)
            {
                batch.ParseControl(i, out var control);
                Assert.True(control.IsTxTimestamp);
                Assert.True(control.HasSoftwareTimestamp);
                stamps.Add(control.ExtendedError.TimestampId, control.SoftwareTimestamp.TotalNanoseconds);
            }

            if (stamps.Count < expected)
            {
                WaitFor(poller, 3);
            }
        }

        Assert.Equal(expected, stamps.Count);
        return stamps;
    }
}
