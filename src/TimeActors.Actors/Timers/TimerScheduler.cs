namespace TimeActors.Actors;

/// <summary>
/// The timers of one actor instance, on top of the system scheduler (so virtual time drives them too).
/// Each start gets a new generation; a message whose key is gone or whose generation is old is dropped
/// when it reaches the front of the mailbox.
/// </summary>
internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, ActiveTimer> _timers = [];
    private int _generation;

    public IReadOnlyCollection<object> ActiveTimers => [.. _timers.Keys];

    public void StartSingleTimer(object key, object message, TimeSpan timeout, IActorRef? sender = null) =>
        Start(key, message, timeout, TimeSpan.Zero, sender);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval, IActorRef? sender = null) =>
        Start(key, message, interval, interval, sender);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval, IActorRef? sender = null)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "A periodic timer needs a positive interval");
        }

        Start(key, message, initialDelay, interval, sender);
    }

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var timer))
        {
            timer.Handle.Cancel();
        }
    }

    public void CancelAll()
    {
        foreach (var timer in _timers.Values)
        {
            timer.Handle.Cancel();
        }

        _timers.Clear();
    }

    /// <summary>True if the message belongs to a live timer of this instance; single timers end here.</summary>
    public bool Accept(TimerMessage message)
    {
        if (!ReferenceEquals(message.Owner, this)
            || !_timers.TryGetValue(message.Key, out var timer)
            || timer.Generation != message.Generation)
        {
            return false;
        }

        if (!timer.Periodic)
        {
            _timers.Remove(message.Key);
        }

        return true;
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan interval, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        var generation = ++_generation;
        var tagged = new TimerMessage(key, generation, this, message);
        var scheduler = cell.System.Scheduler;
        var from = sender ?? cell.Self;
        var handle = interval > TimeSpan.Zero
            ? scheduler.ScheduleTellRepeatedlyCancelable(delay, interval, cell.Self, tagged, from)
            : scheduler.ScheduleTellOnceCancelable(delay, cell.Self, tagged, from);
        _timers[key] = new ActiveTimer(generation, interval > TimeSpan.Zero, handle);
    }

    private readonly record struct ActiveTimer(int Generation, bool Periodic, ICancelable Handle);
}
