namespace TimeActors.Actors;

/// <summary>The parts both schedulers share: argument checks and turning tells into actions.</summary>
public abstract class SchedulerBase : IScheduler
{
    public abstract DateTimeOffset Now { get; }

    public abstract TimeSpan MonotonicClock { get; }

    public void ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender) =>
        ScheduleTellOnceCancelable(delay, receiver, message, sender);

    public ICancelable ScheduleTellOnceCancelable(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        return ScheduleOnce(delay, () => receiver.Tell(message, sender));
    }

    public ICancelable ScheduleTellRepeatedlyCancelable(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        return ScheduleRepeatedly(initialDelay, interval, () => receiver.Tell(message, sender));
    }

    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        CheckDelay(delay, nameof(delay));
        return Add(new ScheduledEntry(action, TimeSpan.Zero), delay);
    }

    public ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        CheckDelay(initialDelay, nameof(initialDelay));
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "A repeated schedule needs a positive interval");
        }

        return Add(new ScheduledEntry(action, interval), initialDelay);
    }

    private protected abstract ICancelable Add(ScheduledEntry entry, TimeSpan delay);

    private static void CheckDelay(TimeSpan delay, string name)
    {
        if (delay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, delay, "A delay cannot be negative");
        }
    }
}
