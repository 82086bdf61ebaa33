namespace TimeActors.Actors;

/// <summary>
/// Keyed timers owned by one actor. Starting a timer with a key in use replaces it; a cancelled or
/// replaced timer's message is never received, even if it was already in the mailbox. All timers are
/// cancelled when the actor restarts or stops. Use only from inside the actor.
/// </summary>
public interface ITimerScheduler
{
    IReadOnlyCollection<object> ActiveTimers { get; }

    void StartSingleTimer(object key, object message, TimeSpan timeout, IActorRef? sender = null);

    void StartPeriodicTimer(object key, object message, TimeSpan interval, IActorRef? sender = null);

    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval, IActorRef? sender = null);

    bool IsTimerActive(object key);

    void Cancel(object key);

    void CancelAll();
}
