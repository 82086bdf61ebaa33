using TimeActors.Service.Status;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Server;

/// <summary>
/// The counters of one server socket loop. Written only by the loop's own thread with plain
/// increments (no locked instruction per packet); read from the server actor with
/// <see cref="Volatile.Read(ref readonly long)"/>, which on 64-bit targets sees whole values, at
/// most a batch behind.
/// </summary>
public sealed class ServerSocketCounters
{
    internal long Received;
    internal long Answered;
    internal long Interleaved;
    internal long RateLimited;
    internal long Denied;
    internal long Malformed;
    internal long SendFailures;
    internal long RxHardware;
    internal long RxKernel;
    internal long RxDaemon;
    internal long TxHardware;
    internal long TxKernel;
    internal long TxDaemon;

    /// <summary>Responses the kernel refused (errno from sendmmsg), not counted as answered.</summary>
    public long SendFailureCount => Volatile.Read(ref SendFailures);

    /// <summary>The report over <paramref name="loops"/> (the status contract is one sum per listen address).</summary>
    public static ServerReport Sum(IEnumerable<ServerSocketCounters> loops)
    {
        ArgumentNullException.ThrowIfNull(loops);
        long received = 0, answered = 0, interleaved = 0, rateLimited = 0, denied = 0, malformed = 0;
        long rxH = 0, rxK = 0, rxD = 0, txH = 0, txK = 0, txD = 0;
        foreach (var c in loops)
        {
            received += Volatile.Read(ref c.Received);
            answered += Volatile.Read(ref c.Answered);
            interleaved += Volatile.Read(ref c.Interleaved);
            rateLimited += Volatile.Read(ref c.RateLimited);
            denied += Volatile.Read(ref c.Denied);
            malformed += Volatile.Read(ref c.Malformed);
            rxH += Volatile.Read(ref c.RxHardware);
            rxK += Volatile.Read(ref c.RxKernel);
            rxD += Volatile.Read(ref c.RxDaemon);
            txH += Volatile.Read(ref c.TxHardware);
            txK += Volatile.Read(ref c.TxKernel);
            txD += Volatile.Read(ref c.TxDaemon);
        }

        return new ServerReport(received, answered, interleaved, rateLimited, denied, malformed, new TimestampCounts(rxH, rxK, rxD), new TimestampCounts(txH, txK, txD));
    }

    internal void CountRx(TimestampSource source)
    {
        switch (source)
        {
            case TimestampSource.Hardware: Received++; RxHardware++; break;
            case TimestampSource.Kernel: Received++; RxKernel++; break;
            default: Received++; RxDaemon++; break;
        }
    }

    internal void CountTx(TimestampSource source)
    {
        switch (source)
        {
            case TimestampSource.Hardware: TxHardware++; break;
            case TimestampSource.Kernel: TxKernel++; break;
            default: TxDaemon++; break;
        }
    }
}
