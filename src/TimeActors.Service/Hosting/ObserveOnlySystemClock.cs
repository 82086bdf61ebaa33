using TimeActors.Timing.Ports;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Hosting;

/// <summary>
/// The system clock for <c>clock.mode = observe</c>: reads pass through, every write is refused as if
/// the process lacked CAP_SYS_TIME. The clock actor already never writes in observe mode; this makes
/// "observe never touches the clock" hold even if that ever regressed (the actor then logs and stays
/// in observe mode).
/// </summary>
public sealed class ObserveOnlySystemClock(ISystemClock inner) : ISystemClock
{
    public SystemTime Now() => inner.Now();

    public SystemClockStatus ReadStatus() => inner.ReadStatus();

    public void TakeControl() => throw Refused(nameof(TakeControl));

    public void SetFrequency(double frequencyPpm) => throw Refused(nameof(SetFrequency));

    public void Step(TimeInterval step) => throw Refused(nameof(Step));

    public void SetLeap(SystemClockLeap leap) => throw Refused(nameof(SetLeap));

    public void SetSyncStatus(bool synchronized, TimeInterval estError, TimeInterval maxError) => throw Refused(nameof(SetSyncStatus));

    private static SystemClockPermissionException Refused(string operation) =>
        new($"{operation} refused: timeactors.clock.mode is observe, the system clock is never written.");
}
