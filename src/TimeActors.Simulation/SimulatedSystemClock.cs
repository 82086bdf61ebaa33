using TimeActors.Timing.Ports;
using TimeActors.Timing.Time;

namespace TimeActors.Simulation;

/// <summary>
/// The system clock of a simulated host with Linux timex semantics (as clknetsim's clock.cc): the
/// reading advances at rate = (1 + oscillator error) × (tick / nominal tick + freq), so the service
/// steers it exactly as it steers adjtimex; ADJ_SETOFFSET steps; STA_INS/STA_DEL applied at the UTC
/// midnight of the clock's own reading (then TIME_WAIT until the bits are cleared); maxerror grows by
/// 500 µs every second up to 16 s, where STA_UNSYNC is set.
/// </summary>
/// <remarks>
/// The phase is bookkept as (true time, offset from true time) in doubles and integrated lazily up
/// to whatever time is asked: at each whole true second the oscillator takes its random-walk step
/// and maxerror grows. Readings at times between the virtual scheduler's 100 ns ticks are exact.
/// Thread-safe: actors call it from their threads while the driver advances time.
/// </remarks>
public sealed class SimulatedSystemClock : ISystemClock
{
    /// <summary>timex.tick that means no correction (USER_HZ = 100).</summary>
    public const long NominalTickUs = 10_000;

    /// <summary>NTP_PHASE_LIMIT: maxerror stops growing here and the clock is marked unsynchronised.</summary>
    public const double MaxErrorLimitSeconds = 16;

    /// <summary>MAXFREQ: the kernel adds this to maxerror every second (500 µs/s).</summary>
    public const double MaxErrorGrowthPerSecond = 500e-6;

    private readonly object _gate = new();
    private readonly SimulationTimeline _timeline;
    private readonly Oscillator _oscillator;
    private readonly List<ClockStepRecord> _steps = [];
    private double _t;
    private double _offset;
    private double _nextSecond = 1;
    private long _tickUs = NominalTickUs;
    private double _fineFrequencyPpm;
    private SystemClockFlags _flags = SystemClockFlags.Unsync | SystemClockFlags.Nano;
    private long _maxErrorUs = (long)(MaxErrorLimitSeconds * 1e6);
    private long _estErrorUs = (long)(MaxErrorLimitSeconds * 1e6);
    private LeapState _leapState = LeapState.Ok;
    private int _leapSeconds;
    private long _frequencyWrites;

    public SimulatedSystemClock(SimulationTimeline timeline, SimulatedClockOptions options, SimRandom random)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        _timeline = timeline;
        _oscillator = new Oscillator(options.FrequencyOffset, options.Wander, random);
        _offset = options.InitialOffsetSeconds;
        _t = timeline.Now;
        _nextSecond = Math.Floor(_t) + 1;
    }

    /// <summary>Steps and kernel-applied leap seconds, in order.</summary>
    public IReadOnlyList<ClockStepRecord> Steps
    {
        get
        {
            lock (_gate)
            {
                return [.. _steps];
            }
        }
    }

    /// <summary>Leap seconds applied: +1 per deletion, −1 per insertion (the clock's reading moved by this).</summary>
    public int LeapSecondsApplied
    {
        get
        {
            lock (_gate)
            {
                return _leapSeconds;
            }
        }
    }

    /// <summary>How often the frequency was written.</summary>
    public long FrequencyWrites => Interlocked.Read(ref _frequencyWrites);

    public LeapState LeapState
    {
        get
        {
            lock (_gate)
            {
                return _leapState;
            }
        }
    }

    /// <summary>The oscillator's own relative frequency error now (without the correction).</summary>
    public double OscillatorFrequencyError
    {
        get
        {
            lock (_gate)
            {
                AdvanceTo(_timeline.Now);
                return _oscillator.FrequencyError;
            }
        }
    }

    /// <summary>Reading minus true time at true time <paramref name="t"/>, seconds (advances the bookkeeping to <paramref name="t"/> if later).</summary>
    public double OffsetAt(double t)
    {
        lock (_gate)
        {
            if (t >= _t)
            {
                AdvanceTo(t);
                return _offset;
            }

            return _offset - ((_t - t) * (Rate - 1));
        }
    }

    /// <summary>The clock's frequency error now: rate − 1 (relative; ×1e6 for ppm).</summary>
    public double FrequencyErrorAt(double t)
    {
        lock (_gate)
        {
            AdvanceTo(t);
            return Rate - 1;
        }
    }

    /// <summary>The reading at true time <paramref name="t"/>, ns since the epoch (for stamps taken between scheduler ticks).</summary>
    public long ReadingAt(double t) => _timeline.UnixNs(t, OffsetAt(t));

    public SystemTime Now() => new(ReadingAt(_timeline.Now));

    public SystemClockStatus ReadStatus()
    {
        lock (_gate)
        {
            double now = _timeline.Now;
            AdvanceTo(now);
            return new SystemClockStatus(
                new SystemTime(_timeline.UnixNs(_t, _offset)),
                _fineFrequencyPpm,
                _tickUs,
                NominalTickUs,
                _flags,
                new TimeInterval(_maxErrorUs * 1000),
                new TimeInterval(_estErrorUs * 1000));
        }
    }

    public void TakeControl()
    {
        lock (_gate)
        {
            AdvanceTo(_timeline.Now);
            _flags &= ~(SystemClockFlags.Pll | SystemClockFlags.Fll | SystemClockFlags.PpsFrequency | SystemClockFlags.PpsTime);
            _flags |= SystemClockFlags.Unsync;
        }
    }

    public void SetFrequency(double frequencyPpm)
    {
        // Validates the way the kernel would refuse it (beyond the tick's ±10 %).
        var (tickUs, finePpm) = SystemClockFrequency.Split(frequencyPpm, NominalTickUs);
        lock (_gate)
        {
            // The old rate holds up to now; the new one from now on.
            AdvanceTo(_timeline.Now);
            _tickUs = tickUs;
            _fineFrequencyPpm = Math.Clamp(finePpm, -SystemClockFrequency.MaxFineFrequencyPpm, SystemClockFrequency.MaxFineFrequencyPpm);
            _frequencyWrites++;
        }
    }

    public void Step(TimeInterval step)
    {
        lock (_gate)
        {
            AdvanceTo(_timeline.Now);
            _offset += step.Nanoseconds / 1e9;
            _steps.Add(new ClockStepRecord(_t, step.Nanoseconds / 1e9, Leap: false));
        }
    }

    public void SetLeap(SystemClockLeap leap)
    {
        lock (_gate)
        {
            AdvanceTo(_timeline.Now);
            _flags &= ~(SystemClockFlags.Insert | SystemClockFlags.Delete);
            _flags |= leap switch
            {
                SystemClockLeap.Insert => SystemClockFlags.Insert,
                SystemClockLeap.Delete => SystemClockFlags.Delete,
                _ => SystemClockFlags.None,
            };
            if (leap == SystemClockLeap.None)
            {
                _leapState = LeapState.Ok; // TIME_WAIT ends when the bits are cleared
            }
        }
    }

    public void SetSyncStatus(bool synchronized, TimeInterval estError, TimeInterval maxError)
    {
        lock (_gate)
        {
            AdvanceTo(_timeline.Now);
            _flags = synchronized ? _flags & ~SystemClockFlags.Unsync : _flags | SystemClockFlags.Unsync;
            long limitUs = (long)(MaxErrorLimitSeconds * 1e6);
            _estErrorUs = Math.Clamp(estError.Nanoseconds / 1000, 0, limitUs);
            _maxErrorUs = Math.Clamp(maxError.Nanoseconds / 1000, 0, limitUs);
        }
    }

    // rate = (1 + oscillator) × (tick/nominal + freq): clknetsim's clock.cc with the PLL off.
    private double Rate => (1 + _oscillator.FrequencyError) * (((double)_tickUs / NominalTickUs) + (_fineFrequencyPpm * 1e-6));

    private void AdvanceTo(double t)
    {
        while (_nextSecond <= t)
        {
            Integrate(_nextSecond);
            _oscillator.Step();
            GrowMaxError();
            _nextSecond += 1;
        }

        Integrate(t);
    }

    // second_overflow(): maxerror += MAXFREQ/1000 µs; beyond NTP_PHASE_LIMIT it is clamped and STA_UNSYNC set.
    private void GrowMaxError()
    {
        long limitUs = (long)(MaxErrorLimitSeconds * 1e6);
        _maxErrorUs += (long)(MaxErrorGrowthPerSecond * 1e6);
        if (_maxErrorUs > limitUs)
        {
            _maxErrorUs = limitUs;
            _flags |= SystemClockFlags.Unsync;
        }
    }

    private void Integrate(double t1)
    {
        if (t1 <= _t)
        {
            return;
        }

        double rate = Rate;
        if (_leapState == LeapState.Ok && (_flags & (SystemClockFlags.Insert | SystemClockFlags.Delete)) != 0)
        {
            bool insert = (_flags & SystemClockFlags.Insert) != 0;
            double target = LeapReadingTarget(insert);
            double readingAtEnd = t1 + _offset + ((t1 - _t) * (rate - 1));
            if (readingAtEnd >= target)
            {
                double tc = Math.Max(_t, _t + ((target - (_t + _offset)) / rate));
                _offset += (tc - _t) * (rate - 1);
                _t = tc;
                double jump = insert ? -1 : 1;
                _offset += jump;
                _leapSeconds += (int)jump;
                _leapState = LeapState.Wait;
                _steps.Add(new ClockStepRecord(tc, jump, Leap: true));
            }
        }

        _offset += (t1 - _t) * (rate - 1);
        _t = t1;
    }

    // The reading (seconds since the start) at which the kernel applies the leap: midnight UTC of the
    // current day for an insertion (23:59:60 is the repeated second), 23:59:59 for a deletion.
    private double LeapReadingTarget(bool insert)
    {
        const long DayNs = 86_400_000_000_000;
        long readingNs = _timeline.UnixNs(_t, _offset) + (insert ? 0 : 1_000_000_000);
        long midnightNs = ((readingNs / DayNs) + 1) * DayNs;
        return ((midnightNs - _timeline.StartUnixNs) / 1e9) - (insert ? 0 : 1);
    }
}
