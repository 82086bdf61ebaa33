namespace TimeActors.Actors;

/// <summary>
/// Delayed and periodic tells and actions, Akka.NET-shaped. Two implementations: <see cref="RealScheduler"/>
/// (precise to well under a millisecond) and <see cref="VirtualScheduler"/> (time moves only when told).
/// </summary>
public interface IScheduler
{
    /// <summary>The scheduler's notion of wall-clock time (virtual time under <see cref="VirtualScheduler"/>).</summary>
    DateTimeOffset Now { get; }

    /// <summary>Monotonic time since the scheduler started; never jumps, never goes back.</summary>
    TimeSpan MonotonicClock { get; }

    void ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender);

    ICancelable ScheduleTellOnceCancelable(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender);

    ICancelable ScheduleTellRepeatedlyCancelable(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender);

    ICancelable ScheduleOnce(TimeSpan delay, Action action);

    ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action);
}
