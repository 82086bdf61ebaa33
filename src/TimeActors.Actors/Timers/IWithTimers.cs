namespace TimeActors.Actors;

/// <summary>An actor with keyed timers; the kernel fills <see cref="Timers"/> in before PreStart.</summary>
public interface IWithTimers
{
    ITimerScheduler Timers { get; set; }
}
