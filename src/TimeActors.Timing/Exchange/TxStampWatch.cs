using TimeActors.Timing.Time;

namespace TimeActors.Timing.Exchange;

/// <summary>
/// One source's watch over its latest request's hardware TX stamp, for <c>hwts-timeout = auto</c>:
/// it turns send times, stamp arrivals and the end of the watch into <see cref="TxStampOutcome"/>s,
/// and says how long a per-request socket may linger after its response was released so a late
/// stamp is still measured. Pure: times come in as arguments.
/// </summary>
/// <remarks>
/// The watch ends at the deadline (send + poll bound). Lingering is bounded by the same deadline, so
/// a socket never outlives the poll bound after its send and is always closed before the next
/// request; and it only starts after the exchange released the response and asked for the close,
/// so "never close while a response waits" is untouched. A stamp after the deadline is counted as
/// missing whatever the socket policy (a shared socket still delivers it): a stamp that late would
/// not have been waited for, and counting it as an arrival would let the socket policy change what is learned.
/// </remarks>
public sealed class TxStampWatch
{
    public bool Active { get; private set; }

    public SystemTime SentAt { get; private set; }

    public SystemTime Deadline { get; private set; }

    /// <summary>
    /// A request was sent at <paramref name="sentAt"/> with a hardware TX stamp requested; the watch
    /// lasts <paramref name="boundNs"/>. A previous watch still open ends as missing (returned).
    /// </summary>
    public TxStampOutcome? Start(SystemTime sentAt, long boundNs)
    {
        TxStampOutcome? previous = Active ? TxStampOutcome.Missing : null;
        Active = true;
        SentAt = sentAt;
        Deadline = sentAt + new TimeInterval(Math.Max(0, boundNs));
        return previous;
    }

    /// <summary>The hardware TX stamp of the watched request was handled at <paramref name="now"/>.</summary>
    public TxStampOutcome? StampArrived(SystemTime now)
    {
        if (!Active)
        {
            return null;
        }

        Active = false;
        return now <= Deadline ? TxStampOutcome.After((now - SentAt).Nanoseconds) : TxStampOutcome.Missing;
    }

    /// <summary>
    /// How long the request's socket may stay open after the exchange asked to close it at
    /// <paramref name="now"/>: until the deadline while the stamp is still due, else zero.
    /// </summary>
    public TimeInterval LingerAfterClose(SystemTime now)
    {
        if (!Active)
        {
            return TimeInterval.Zero;
        }

        TimeInterval left = Deadline - now;
        return left > TimeInterval.Zero ? left : TimeInterval.Zero;
    }

    /// <summary>The watch's time is up (linger over, or the socket closed after the deadline): the stamp is missing.</summary>
    public TxStampOutcome? Expire()
    {
        if (!Active)
        {
            return null;
        }

        Active = false;
        return TxStampOutcome.Missing;
    }

    /// <summary>The clock was stepped or slewed by <paramref name="correction"/>: the send time moves with it, as the exchange's stamps do.</summary>
    public void OnClockAdjusted(TimeInterval correction)
    {
        SentAt += correction;
        Deadline += correction;
    }

    /// <summary>The socket went away for a reason of its own (error, offline): nothing is learned from this request.</summary>
    public void Abandon() => Active = false;
}
