using TimeActors.Timing.Ports;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Tests.Clock;

/// <summary>
/// An in-memory system clock for actor tests: reads follow the given true time (the virtual
/// scheduler) plus every step applied, plus the phase accumulated by an optional constant
/// oscillator error and the frequency correction written; writes are recorded, and can be made to
/// fail with EPERM. No wander, noise or tick limits (issue 7's simulator models those).
/// </summary>
internal sealed class FakeSystemClock(Func<SystemTime> time, double oscillatorPpm = 0, double initialOffsetSeconds = 0) : ISystemClock
{
    private readonly object _gate = new();
    private readonly List<string> _writes = [];
    private long _stepsNs = (long)Math.Round(initialOffsetSeconds * 1e9);
    private int _refusedWrites;

    // Phase gained by the rate error (oscillator + correction) up to _phaseAt (true time).
    private double _phaseNs;
    private SystemTime _phaseAt = time();

    public const long NominalTickUs = 10_000;

    /// <summary>Every write refuses with EPERM, like adjtimex without CAP_SYS_TIME.</summary>
    public bool DenyWrites { get; set; }

    public double FrequencyPpm { get; private set; }

    public SystemClockFlags Flags { get; private set; } = SystemClockFlags.Unsync | SystemClockFlags.Pll;

    public TimeInterval MaxError { get; private set; } = TimeInterval.FromSeconds(16);

    public TimeInterval EstError { get; private set; } = TimeInterval.FromSeconds(16);

    public List<TimeInterval> Steps { get; } = [];

    public List<double> Frequencies { get; } = [];

    /// <summary>Successful writes, by method name, in order.</summary>
    public IReadOnlyList<string> Writes
    {
        get
        {
            lock (_gate)
                return [.. _writes];
        }
    }

    public int RefusedWrites
    {
        get
        {
            lock (_gate)
                return _refusedWrites;
        }
    }

    public SystemTime Now()
    {
        lock (_gate)
            return Reading(time());
    }

    /// <summary>The true time now (what a perfect server would say).</summary>
    public SystemTime TrueTime() => time();

    /// <summary>Reading minus true time.</summary>
    public TimeInterval Error()
    {
        lock (_gate)
        {
            var t = time();
            return Reading(t) - t;
        }
    }

    private SystemTime Reading(SystemTime trueTime)
    {
        var elapsed = (trueTime - _phaseAt).TotalSeconds;
        var phase = _phaseNs + (elapsed * (oscillatorPpm + FrequencyPpm) * 1e3);
        return trueTime + new TimeInterval(_stepsNs + (long)Math.Round(phase));
    }

    private void AccumulatePhase()
    {
        var t = time();
        _phaseNs += (t - _phaseAt).TotalSeconds * (oscillatorPpm + FrequencyPpm) * 1e3;
        _phaseAt = t;
    }

    public SystemClockStatus ReadStatus()
    {
        lock (_gate)
        {
            var (tick, fine) = SystemClockFrequency.Split(FrequencyPpm, NominalTickUs);
            return new SystemClockStatus(Reading(time()), fine, tick, NominalTickUs, Flags, MaxError, EstError);
        }
    }

    public void TakeControl() => Write(nameof(TakeControl), () => Flags = (Flags & ~(SystemClockFlags.Pll | SystemClockFlags.Fll)) | SystemClockFlags.Unsync);

    public void SetFrequency(double frequencyPpm) => Write(nameof(SetFrequency), () =>
    {
        SystemClockFrequency.Split(frequencyPpm, NominalTickUs); // refuses what the kernel would refuse
        AccumulatePhase();
        FrequencyPpm = frequencyPpm;
        Frequencies.Add(frequencyPpm);
    });

    public void Step(TimeInterval step) => Write(nameof(Step), () =>
    {
        _stepsNs += step.Nanoseconds;
        Steps.Add(step);
    });

    public void SetLeap(SystemClockLeap leap) => Write(nameof(SetLeap), () =>
    {
        Flags &= ~(SystemClockFlags.Insert | SystemClockFlags.Delete);
        Flags |= leap switch
        {
            SystemClockLeap.Insert => SystemClockFlags.Insert,
            SystemClockLeap.Delete => SystemClockFlags.Delete,
            _ => SystemClockFlags.None,
        };
    });

    public void SetSyncStatus(bool synchronized, TimeInterval estError, TimeInterval maxError) => Write(nameof(SetSyncStatus), () =>
    {
        Flags = synchronized ? Flags & ~SystemClockFlags.Unsync : Flags | SystemClockFlags.Unsync;
        EstError = estError;
        MaxError = maxError;
    });

    private void Write(string name, Action apply)
    {
        lock (_gate)
        {
            if (DenyWrites)
            {
                _refusedWrites++;
                throw new SystemClockPermissionException($"{name} was refused (EPERM): no CAP_SYS_TIME.");
            }

            apply();
            _writes.Add(name);
        }
    }
}
