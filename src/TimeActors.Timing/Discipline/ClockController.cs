using System.Globalization;
using TimeActors.Timing.Ports;
using TimeActors.Timing.Selection;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Discipline;

/// <summary>
/// The clock discipline as a pure state machine (chrony's reference.c and sys_generic.c as the
/// anchor, without the kernel PLL). Inputs: the combined estimate of each selection round, timer
/// wake-ups, and the loss of all sources. Output: a <see cref="ClockDecision"/> the caller applies
/// through <see cref="ISystemClock"/> and announces to everyone holding local timestamps.
/// <para>
/// The clock's frequency correction is a base (the oscillator's own error, estimated by blending
/// each new measurement with the previous estimate in proportion to their skews) plus a temporary
/// slew that removes the measured offset over a time proportional to how certain the offset is.
/// Samples are taken on the raw clock and re-referenced after every change, so each estimate's
/// offset is the clock's whole current offset and its frequency includes the slew in progress.
/// </para>
/// <para>
/// In observe mode (<see cref="Steering"/> false) decisions say what would be done but the state
/// assumes the clock is left as it is, so later estimates stay consistent with reality.
/// </para>
/// </summary>
public sealed class ClockController
{
    /// <summary>esterror and maxerror are capped here; maxerror at the cap means unsynchronised (Linux NTP_PHASE_LIMIT).</summary>
    public static readonly TimeInterval MaxErrorLimit = TimeInterval.FromSeconds(16);

    // Weight of a new offset in the exponential RMS (chrony: 0.1).
    private const double RmsWeight = 0.1;

    // Before the first update nothing is known about the frequency, so the first measurement is
    // taken whole (gain ≈ 1).
    private const double InitialSkewPpm = 1e6;

    // A timer fires on the monotonic clock while the system clock runs at another rate; a wake-up
    // this close to its target counts as on time.
    private static readonly TimeInterval WakeupTolerance = TimeInterval.FromMicroseconds(1);

    // The kernel applies a leap second at the end of the day; look a little after it (the clock
    // reads one second less after an insertion).
    private static readonly TimeInterval KernelLeapWakeupDelay = TimeInterval.FromSeconds(2);

    // Either side of the leap instant, the scheduled leap is not changed by votes (see ScheduleLeap):
    // covers the repeated second and the kernel-mode wake-up above.
    private static readonly TimeInterval LeapFreeze = TimeInterval.FromSeconds(2);

    private readonly ClockControllerSettings _settings;
    private bool _steering;

    // Frequency: applied base correction and, in observe mode, the one that would be applied.
    private double _basePpm;
    private double _wouldBeBasePpm;
    private double _ourSkewPpm = InitialSkewPpm;
    private double _residualPpm;

    // Slew in progress: extra rate, the offset it removes, and when.
    private double _slewPpm;
    private TimeInterval _slewOffset;
    private SystemTime _slewStart;
    private SystemTime _slewEnd;
    private bool _slewing;

    // The last update, for error growth and reporting.
    private int _updates;
    private SystemTime? _lastUpdate;
    private bool _synchronized;
    private TimeInterval _lastOffset;
    private double _rmsOffsetSquared;
    private TimeInterval _offsetSd;
    private double _frequencySdPpm;
    private double _skewPpm;
    private TimeInterval _rootDelay;
    private TimeInterval _rootDispersion;
    private TimeInterval _uncorrectedOffset;
    private int _stratum = 16;
    private LeapIndicator _servedLeap = LeapIndicator.Unsynchronized;

    // The leap second scheduled for the end of today (kernel bits set, or our own step due; in
    // observe mode what would be) and when it happens.
    private SystemClockLeap _pendingLeap;
    private SystemTime _leapInstant;
    private bool _hasLeapInstant;

    /// <param name="settings">Limits and policies.</param>
    /// <param name="initialFrequencyPpm">The clock's frequency correction now (read from the clock at start).</param>
    /// <param name="steering">True in control mode; false to only report what would be done.</param>
    public ClockController(ClockControllerSettings settings, double initialFrequencyPpm, bool steering)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        _steering = steering;
        _basePpm = initialFrequencyPpm;
        _wouldBeBasePpm = initialFrequencyPpm;
    }

    /// <summary>Decisions are applied to the clock (control mode).</summary>
    public bool Steering => _steering;

    /// <summary>The whole frequency correction the clock has now: base plus slew.</summary>
    public double AppliedFrequencyPpm => _basePpm + _slewPpm;

    /// <summary>Clock updates so far (the step policy's count).</summary>
    public int Updates => _updates;

    /// <summary>The leap bits set (or that would be set) in <see cref="LeapMode.Kernel"/>.</summary>
    public SystemClockLeap KernelLeap => _settings.LeapMode == LeapMode.Kernel ? _pendingLeap : SystemClockLeap.None;

    /// <summary>
    /// One update from a selection round that produced <paramref name="estimate"/>, at clock reading
    /// <paramref name="now"/>: blend the frequency, then step (if the policy allows) or slew the offset.
    /// </summary>
    public ClockDecision Update(in CombinedEstimate estimate, SystemTime now)
    {
        // The estimate may predate the kernel's leap second; account for the leap first and wait
        // for estimates on the new timescale.
        if (LeapDue(now))
            return OnTimer(now);

        var offset = estimate.Offset - TimeInterval.FromSeconds((now - estimate.ReferenceTime).TotalSeconds * estimate.FrequencyPpm * 1e-6);
        var intervalSeconds = _lastUpdate is { } last ? Math.Max(0, (now - last).TotalSeconds) : 0;

        // The sources' frequency includes the slew in progress; the base must only learn the oscillator.
        var measuredPpm = BaseResidualPpm(estimate.FrequencyPpm);
        var (correctionPpm, newSkewPpm) = _steering ? Blend(measuredPpm, estimate.SkewPpm) : (measuredPpm, estimate.SkewPpm);

        var updateNumber = _updates++;
        var policy = _settings.StepPolicy;
        TimeInterval? step = policy.AllowsStepAt(updateNumber) && offset.Abs() > policy.Threshold ? offset : null;
        var after = step is { } s ? now + s : now;
        var toSlew = step is null ? offset : TimeInterval.Zero;

        var oldTotal = AppliedFrequencyPpm;
        // The kernel multiplies the oscillator's rate by (1 + correction): removing a residual r of
        // the rate means dividing by (1 + r), which is base - r only while both are small.
        var newBase = Math.Clamp((((1 + (_basePpm * 1e-6)) / (1 + (correctionPpm * 1e-6))) - 1) * 1e6, -_settings.MaxFrequencyPpm, _settings.MaxFrequencyPpm);
        var (slewPpm, slewEnd) = PlanSlew(toSlew, estimate.OffsetSd, intervalSeconds, after, newBase);
        var newTotal = newBase + slewPpm;

        if (_steering)
        {
            if (step is { } applied)
                Shift(applied);
            _basePpm = newBase;
            _wouldBeBasePpm = newBase;
            _ourSkewPpm = newSkewPpm;
            _residualPpm = measuredPpm - correctionPpm;
            _slewPpm = slewPpm;
            _slewOffset = toSlew;
            _slewStart = after;
            _slewEnd = slewEnd ?? after;
            _slewing = slewEnd is not null;
            _uncorrectedOffset = TimeInterval.Zero;
        }
        else
        {
            _wouldBeBasePpm = newBase;
            _residualPpm = measuredPpm;
            _uncorrectedOffset = offset;
        }

        // In observe mode the step stays imaginary: the clock still reads on the old timescale.
        var reading = _steering ? after : now;
        _synchronized = true;
        _lastUpdate = reading;
        _lastOffset = offset;
        _rmsOffsetSquared = _updates == 1
            ? offset.TotalSeconds * offset.TotalSeconds
            : ((1 - RmsWeight) * _rmsOffsetSquared) + (RmsWeight * offset.TotalSeconds * offset.TotalSeconds);
        _offsetSd = estimate.OffsetSd;
        _frequencySdPpm = estimate.FrequencySdPpm;
        _skewPpm = estimate.SkewPpm;
        _rootDelay = estimate.RootDelay;
        _rootDispersion = estimate.RootDispersion;
        _stratum = Math.Min(estimate.Stratum + 1, 16);

        var wantedLeap = LeapToday(estimate.Leap, reading);
        _servedLeap = wantedLeap switch
        {
            SystemClockLeap.Insert => LeapIndicator.InsertSecond,
            SystemClockLeap.Delete => LeapIndicator.DeleteSecond,
            _ => LeapIndicator.NoWarning,
        };
        var leap = ScheduleLeap(_settings.LeapMode == LeapMode.Ignore ? SystemClockLeap.None : wantedLeap, reading);

        var sync = CurrentSyncStatus(reading);
        if (!sync.Synchronized)
            _synchronized = false;

        return new ClockDecision
        {
            Step = step,
            StepReason = step is { } st
                ? string.Create(CultureInfo.InvariantCulture,
                    $"offset {st.TotalSeconds:+0.000000;-0.000000} s beyond the {policy.Threshold.TotalSeconds} s threshold at update {updateNumber + 1}") +
                  (policy.Limit < 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" of {policy.Limit}"))
                : null,
            StepAt = now,
            FrequencyPpm = newTotal,
            FrequencyDeltaPpm = RelativeRateChangePpm(oldTotal, newTotal),
            FrequencyAt = after,
            Leap = leap,
            SyncStatus = sync,
            NextWakeup = NextWakeup(),
        };
    }

    /// <summary>No source can be selected: the clock is unsynchronised (STA_UNSYNC, maxerror 16 s, no leap).</summary>
    public ClockDecision Unsynchronised(SystemTime now)
    {
        if (LeapDue(now))
            return OnTimer(now);

        _synchronized = false;
        _servedLeap = LeapIndicator.Unsynchronized;
        return new ClockDecision
        {
            Leap = ScheduleLeap(SystemClockLeap.None, now),
            SyncStatus = CurrentSyncStatus(now),
            NextWakeup = NextWakeup(),
        };
    }

    /// <summary>
    /// A wake-up asked for by <see cref="ClockDecision.NextWakeup"/> or a periodic refresh: ends a
    /// finished slew, steps for a leap second or notes the kernel's, and refreshes the error bounds.
    /// </summary>
    public ClockDecision OnTimer(SystemTime now)
    {
        if (!_steering)
            return ClockDecision.None;

        double? frequency = null;
        double delta = 0;
        if (_slewing && now >= _slewEnd - WakeupTolerance)
        {
            delta = RelativeRateChangePpm(_basePpm + _slewPpm, _basePpm);
            _slewPpm = 0;
            _slewing = false;
            _slewOffset = TimeInterval.Zero;
            frequency = _basePpm;
        }

        TimeInterval? leapStep = null;
        TimeInterval? leapApplied = null;
        SystemClockLeap? leap = null;
        var stepAt = default(SystemTime);
        if (LeapDue(now))
        {
            // 23:59:60 repeats a second (the clock goes back one second); a deleted 23:59:59 skips one.
            var second = TimeInterval.FromSeconds(_pendingLeap == SystemClockLeap.Insert ? -1 : 1);
            stepAt = _leapInstant;
            if (_settings.LeapMode == LeapMode.Kernel)
            {
                leapApplied = second;
                leap = SystemClockLeap.None; // the kernel waits in TIME_WAIT until the bits are cleared
            }
            else
            {
                leapStep = second;
            }

            Shift(second);
            _pendingLeap = SystemClockLeap.None;
        }

        var sync = CurrentSyncStatus(now);
        if (!sync.Synchronized && _synchronized)
        {
            _synchronized = false;
            _servedLeap = LeapIndicator.Unsynchronized;
        }

        return new ClockDecision
        {
            LeapStep = leapStep,
            LeapApplied = leapApplied,
            StepAt = stepAt,
            FrequencyPpm = frequency,
            FrequencyDeltaPpm = delta,
            FrequencyAt = now,
            Leap = leap,
            SyncStatus = sync,
            NextWakeup = NextWakeup(),
        };
    }

    /// <summary>
    /// The clock cannot be written (no permission): from now on only report. The controller forgets
    /// the slew and leap it assumed and takes <paramref name="actualFrequencyPpm"/> as the clock's state.
    /// </summary>
    public void StopSteering(double actualFrequencyPpm)
    {
        _steering = false;
        _basePpm = actualFrequencyPpm;
        _wouldBeBasePpm = actualFrequencyPpm;
        _slewPpm = 0;
        _slewing = false;
        _slewOffset = TimeInterval.Zero;
        _pendingLeap = SystemClockLeap.None;
    }

    /// <summary>The offset still to be removed at <paramref name="now"/> (by the slew in progress, or never in observe mode).</summary>
    public TimeInterval RemainingOffsetAt(SystemTime now)
    {
        if (!_slewing)
            return _uncorrectedOffset;

        var until = now < _slewStart ? _slewStart : now > _slewEnd ? _slewEnd : now;
        return _slewOffset - TimeInterval.FromSeconds(TrueSecondsOfSlew((until - _slewStart).TotalSeconds, _slewPpm) * _slewPpm * 1e-6);
    }

    /// <summary>Root dispersion grown since the last update by the frequency error bound and the clock's instability.</summary>
    public TimeInterval RootDispersionAt(SystemTime now)
    {
        if (_lastUpdate is not { } last)
            return MaxErrorLimit;

        var elapsed = Math.Abs((now - last).TotalSeconds);
        var growthPpm = _skewPpm + Math.Abs(_residualPpm) + _settings.MaxClockErrorPpm;
        return Cap(_rootDispersion + TimeInterval.FromSeconds(elapsed * growthPpm * 1e-6));
    }

    /// <summary>
    /// esterror: the offset's standard deviation grown by the frequency's since the last update, plus
    /// the offset not yet removed (the clock is wrong by it until the slew ends).
    /// </summary>
    public TimeInterval EstErrorAt(SystemTime now)
    {
        if (_lastUpdate is not { } last)
            return MaxErrorLimit;

        var elapsed = Math.Abs((now - last).TotalSeconds);
        return Cap(_offsetSd + TimeInterval.FromSeconds(elapsed * _frequencySdPpm * 1e-6) + RemainingOffsetAt(now).Abs());
    }

    /// <summary>maxerror: root delay / 2 + grown root dispersion + the offset not yet removed; 16 s when unsynchronised.</summary>
    public TimeInterval MaxErrorAt(SystemTime now)
    {
        if (!_synchronized || _lastUpdate is null)
            return MaxErrorLimit;

        return Cap(new TimeInterval(_rootDelay.Nanoseconds / 2) + RootDispersionAt(now) + RemainingOffsetAt(now).Abs());
    }

    /// <summary>Everything status output and servers need, as of <paramref name="now"/>.</summary>
    public ClockTracking Tracking(SystemTime now)
    {
        var maxError = MaxErrorAt(now);
        var synchronized = _synchronized && maxError < MaxErrorLimit;
        return new ClockTracking(
            synchronized,
            _steering,
            _lastOffset,
            TimeInterval.FromSeconds(Math.Sqrt(_rmsOffsetSquared)),
            _steering ? _basePpm : _wouldBeBasePpm,
            _slewPpm,
            _residualPpm,
            _lastUpdate is null ? 0 : _skewPpm,
            synchronized ? _stratum : 16,
            synchronized ? _rootDelay : TimeInterval.Zero,
            synchronized ? RootDispersionAt(now) : TimeInterval.Zero,
            synchronized ? _servedLeap : LeapIndicator.Unsynchronized,
            EstErrorAt(now),
            maxError,
            _lastUpdate,
            _updates);
    }

    /// <summary>
    /// How fast the clock would gain with the base correction alone (ppm of true time), from an
    /// estimate's frequency, which is the gain of the clock as it runs now (base and slew) per second
    /// of the clock itself (the regression is against clock readings). Exact, not first order: during
    /// a full-rate slew the clock reads 8 % slow, the estimate says -90909 ppm for a -83333 ppm slew,
    /// and subtracting the slew alone would teach the base a false 7576 ppm.
    /// </summary>
    private double BaseResidualPpm(double estimateFrequencyPpm)
    {
        var perClockSecond = estimateFrequencyPpm * 1e-6;
        var rate = 1 / (1 - perClockSecond); // true-time rate of the clock now: 1 + gain
        var applied = 1 + (AppliedFrequencyPpm * 1e-6);
        return ((rate * (1 + (_basePpm * 1e-6)) / applied) - 1) * 1e6;
    }

    // chrony's blending: the new measurement moves the estimate in proportion to how uncertain the
    // old one is; a measurement with a huge skew moves nothing.
    private (double CorrectionPpm, double SkewPpm) Blend(double measuredPpm, double measuredSkewPpm)
    {
        double gain;
        if (!(measuredSkewPpm <= _settings.MaxUpdateSkewPpm))
            gain = 0;
        else
        {
            var ours = 3 * _ourSkewPpm * _ourSkewPpm;
            gain = Math.Clamp(ours / (ours + (measuredSkewPpm * measuredSkewPpm)), 0, 1);
        }

        var estimated = gain * measuredPpm;
        var residual = measuredPpm - estimated;
        var extraSkew = Math.Sqrt((estimated * estimated * (1 - gain)) + (residual * residual * gain));
        var skew = _ourSkewPpm + (gain * (measuredSkewPpm - _ourSkewPpm)) + extraSkew;
        return (estimated, gain == 0 ? _ourSkewPpm : skew);
    }

    // Duration = corrtimeratio × ½ × offset SD × update interval / |offset|, within [min, max]: a
    // noisy offset is corrected slowly (averaging the noise), a clear one quickly. The rate is
    // limited by maxslewrate and by what the frequency range leaves beside the base.
    private (double SlewPpm, SystemTime? End) PlanSlew(TimeInterval offset, TimeInterval offsetSd, double intervalSeconds, SystemTime start, double basePpm)
    {
        var seconds = offset.TotalSeconds;
        if (Math.Abs(seconds) < 1e-9)
            return (0, null);

        var correctionRate = _settings.CorrectionTimeRatio * 0.5 * offsetSd.TotalSeconds * intervalSeconds;
        var duration = Math.Clamp(correctionRate / Math.Abs(seconds), _settings.MinSlewDuration.TotalSeconds, _settings.MaxSlewDuration.TotalSeconds);
        var slewPpm = seconds / duration * 1e6;

        var room = seconds > 0 ? _settings.MaxFrequencyPpm - basePpm : _settings.MaxFrequencyPpm + basePpm;
        var limit = Math.Min(_settings.MaxSlewRatePpm, room);
        if (limit <= 0)
            return (0, null);
        if (Math.Abs(slewPpm) > limit)
        {
            slewPpm = Math.CopySign(limit, seconds);
            duration = seconds / (slewPpm * 1e-6);
        }

        // The duration is true time; the wake-up is a clock reading, and the slewed clock reads
        // faster or slower by the slew itself (at 83333 ppm, 8 % - without this a 0.1 s slew would
        // overshoot by 9 ms).
        return (slewPpm, start + TimeInterval.FromSeconds(duration * (1 + (slewPpm * 1e-6))));
    }

    // Clock seconds read during a slew of slewPpm, as true seconds (the base frequency is assumed to
    // cancel the oscillator's error, so the slew alone sets the clock's rate).
    private static double TrueSecondsOfSlew(double clockSeconds, double slewPpm) => clockSeconds / (1 + (slewPpm * 1e-6));

    /// <summary>
    /// The change of the clock's rate, relative to its rate before, when the frequency correction
    /// goes from <paramref name="oldPpm"/> to <paramref name="newPpm"/>: the kernel scales the
    /// oscillator's tick by (1 + correction), so readings run (1 + new)/(1 + old) times as fast.
    /// Stored timestamps are re-referenced with this (chrony's local.c does the same); the plain
    /// difference would misplace samples by up to 8 % of their age after a full-rate slew.
    /// </summary>
    public static double RelativeRateChangePpm(double oldPpm, double newPpm) => (newPpm - oldPpm) / (1 + (oldPpm * 1e-6));

    private bool LeapDue(SystemTime now) => _steering && _pendingLeap != SystemClockLeap.None && now >= _leapInstant;

    private SystemClockLeap LeapToday(LeapIndicator vote, SystemTime now)
    {
        if (!LeapCalendar.IsLeapDay(now))
            return SystemClockLeap.None;
        return vote switch
        {
            LeapIndicator.InsertSecond => SystemClockLeap.Insert,
            LeapIndicator.DeleteSecond => SystemClockLeap.Delete,
            _ => SystemClockLeap.None,
        };
    }

    // Schedules (or cancels) today's leap second; returns the kernel bits to write when they change.
    private SystemClockLeap? ScheduleLeap(SystemClockLeap wanted, SystemTime now)
    {
        if (wanted == _pendingLeap)
            return null;

        // Around the leap the clock reads the day's last second twice (an inserted 23:59:60 repeats
        // 23:59:59), so a vote counted then cannot tell the leap is done: in step mode it would
        // schedule the same midnight again and step twice, and in kernel mode a vote dropping to
        // "none" would cancel the leap the kernel is applying, losing LeapApplied and the shift of
        // our own times. The decision made before stands through that window.
        if (_hasLeapInstant && now >= _leapInstant - LeapFreeze && now < _leapInstant + LeapFreeze)
            return null;

        _pendingLeap = wanted;
        var midnight = LeapCalendar.EndOfDay(now);
        _leapInstant = wanted == SystemClockLeap.Delete ? midnight - TimeInterval.FromSeconds(1) : midnight;
        _hasLeapInstant = wanted != SystemClockLeap.None;
        return _settings.LeapMode == LeapMode.Kernel ? wanted : null;
    }

    private ClockSyncStatus CurrentSyncStatus(SystemTime now)
    {
        var maxError = MaxErrorAt(now);
        return new ClockSyncStatus(_synchronized && maxError < MaxErrorLimit, EstErrorAt(now), maxError);
    }

    private SystemTime? NextWakeup()
    {
        if (!_steering)
            return null;

        SystemTime? next = _slewing ? _slewEnd : null;
        if (_pendingLeap != SystemClockLeap.None)
        {
            var leap = _settings.LeapMode == LeapMode.Kernel ? _leapInstant + KernelLeapWakeupDelay : _leapInstant;
            if (next is null || leap < next.Value)
                next = leap;
        }

        return next;
    }

    // Our own bookkeeping times move with the clock's timescale.
    private void Shift(TimeInterval step)
    {
        if (_lastUpdate is { } last)
            _lastUpdate = last + step;
        _slewStart += step;
        _slewEnd += step;
    }

    private static TimeInterval Cap(TimeInterval value) => value > MaxErrorLimit ? MaxErrorLimit : value;
}
