using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Time;

namespace TimeActors.Timing.Hardware;

/// <summary>
/// One interface's PTP hardware clock as seen from the system clock (chrony's HCL): samples of
/// (PHC time, system time, error) from filtered readings, a least-squares fit of system time against
/// PHC time over the last MinSamples..MaxSamples samples, and conversion of raw hardware stamps to
/// system time with the fit's error bound, the RX layer-2 transposition and the tx/rx compensation.
/// </summary>
/// <remarks>
/// One writer (the PHC poller) feeds samples and clock events; <see cref="TryConvert"/> may run on any
/// thread at the same time: it reads one immutable <see cref="PhcFit"/> and allocates nothing.
/// The fit is dropped, keeping only the newest sample, when the PHC does not advance, samples come
/// closer than half the minimum poll, the fit misses the newest sample by more than its error, or
/// the fitted rate is not within 2/3 of 1: a PHC that jumped or was stepped starts a new model
/// instead of bending the old one.
/// </remarks>
public sealed class PhcModel : IHardwareClockModel
{
    private readonly PhcModelOptions _options;
    private readonly PhcReadingFilter _filter;
    private readonly long[] _phcNs;
    private readonly long[] _systemNs;
    private readonly double[] _errorNs;
    private readonly double _minSeparationNs;
    private int _count;
    private PhcFit? _fit;
    private int _linkSpeedMbps;
    private int _stampsSeen;

    public PhcModel(PhcModelOptions? options = null)
    {
        _options = (options ?? new PhcModelOptions()).Normalized();
        _filter = new PhcReadingFilter(_options.Precision.Nanoseconds);
        _phcNs = new long[_options.MaxSamples];
        _systemNs = new long[_options.MaxSamples];
        _errorNs = new double[_options.MaxSamples];
        _minSeparationNs = _options.MinPollInterval.TotalSeconds * 1e9;
    }

    /// <summary>The options as used (clamped).</summary>
    public PhcModelOptions Options => _options;

    /// <summary>Whether stamps can be converted (at least MinSamples consistent samples).</summary>
    public bool IsValid => Volatile.Read(ref _fit) is not null;

    /// <summary>
    /// The current fit for telemetry, null while not valid: Offset is system time minus PHC time at the
    /// newest sample, FrequencyPpm how much faster the system clock runs than the PHC, Error the fit's bound.
    /// </summary>
    public (TimeInterval Offset, double FrequencyPpm, TimeInterval Error)? CurrentFit =>
        Volatile.Read(ref _fit) is { } fit
            ? (new TimeInterval(fit.SystemRefNs - fit.PhcRefNs + (long)Math.Round(fit.InterceptNs)), (fit.Slope - 1) * 1e6, new TimeInterval((long)Math.Ceiling(fit.ErrorNs)))
            : null;

    /// <summary>Samples in the current model.</summary>
    public int SampleCount => _count;

    /// <summary>How many times the model was dropped and restarted.</summary>
    public int Resets { get; private set; }

    /// <summary>Link speed for the RX transposition; 0 (unknown): no transposition.</summary>
    public int LinkSpeedMbps
    {
        get => Volatile.Read(ref _linkSpeedMbps);
        set => Volatile.Write(ref _linkSpeedMbps, Math.Max(0, value));
    }

    /// <summary>
    /// Filters one poll's readings into a sample and adds it unless it tells the model nothing new
    /// (see <see cref="PhcSample.Quality"/>). True when a sample was added.
    /// </summary>
    public bool AddReadings(ReadOnlySpan<PhcClockReading> readings)
    {
        if (!_filter.TryProcess(readings, out var sample))
        {
            return false;
        }

        if (sample.Quality < 2 && Volatile.Read(ref _fit) is { } fit
            && Math.Abs(fit.SystemRefNs + fit.ToSystemOffsetNs(sample.PhcNs) - sample.SystemNs) <= sample.ErrorNs)
        {
            return false; // quality 0: a noisy reading the model already predicts
        }

        AddSample(sample.PhcNs, sample.SystemNs, sample.ErrorNs);
        return true;
    }

    /// <summary>Adds one (PHC, system, error) sample and refits.</summary>
    public void AddSample(long phcNs, long systemNs, double errorNs)
    {
        if (_count > 0)
        {
            long phcDelta = phcNs - _phcNs[_count - 1];
            long systemDelta = systemNs - _systemNs[_count - 1];
            if (phcDelta <= 0 || systemDelta < _minSeparationNs / 2)
            {
                Reset(keepNewest: false);
            }
        }

        if (_count == _phcNs.Length)
        {
            Array.Copy(_phcNs, 1, _phcNs, 0, _count - 1);
            Array.Copy(_systemNs, 1, _systemNs, 0, _count - 1);
            Array.Copy(_errorNs, 1, _errorNs, 0, _count - 1);
            _count--;
        }

        _phcNs[_count] = phcNs;
        _systemNs[_count] = systemNs;
        _errorNs[_count] = Math.Max(errorNs, _options.Precision.Nanoseconds);
        _count++;

        var fit = Fit();
        if (fit is not null && (Math.Abs(fit.InterceptNs) > _errorNs[_count - 1] || Math.Abs(fit.Slope - 1) > 2.0 / 3))
        {
            Reset(keepNewest: true);
            fit = Fit();
        }

        Volatile.Write(ref _fit, fit);
    }

    /// <summary>
    /// The system clock was stepped by <paramref name="step"/>: every system reading from now on is that
    /// much larger. Samples and fit move with it, so the model stays valid.
    /// </summary>
    public void ApplyClockStep(TimeInterval step)
    {
        for (int i = 0; i < _count; i++)
        {
            _systemNs[i] += step.Nanoseconds;
        }

        Volatile.Write(ref _fit, Fit());
    }

    /// <summary>
    /// The system clock runs faster by <paramref name="deltaPpm"/> from <paramref name="when"/>: the samples
    /// are re-expressed as if the new rate had always applied (the relation at <paramref name="when"/> is kept).
    /// </summary>
    public void ApplyFrequencyChange(SystemTime when, double deltaPpm)
    {
        double df = deltaPpm * 1e-6;
        for (int i = 0; i < _count; i++)
        {
            _systemNs[i] += (long)Math.Round((_systemNs[i] - when.UnixNanoseconds) * df);
        }

        Volatile.Write(ref _fit, Fit());
    }

    /// <summary>
    /// True (and clears the flag) when <see cref="TryConvert"/> was asked for a stamp since the last sample:
    /// the poller then samples at the minimum poll instead of the maximum.
    /// </summary>
    public bool TakeStampsSeen() => Interlocked.Exchange(ref _stampsSeen, 0) != 0;

    /// <summary>
    /// Converts a raw hardware stamp: RX stamps are first moved to the frame's end (layer-2 length + FCS
    /// at the link speed, when both are known), then converted and reduced by the RX compensation; TX
    /// stamps are converted and increased by the TX compensation. False while the model is not valid.
    /// </summary>
    public bool TryConvert(long phcNanoseconds, int layer2Length, bool receive, out PacketTimestamp stamp)
    {
        if (Volatile.Read(ref _stampsSeen) == 0)
        {
            Volatile.Write(ref _stampsSeen, 1);
        }

        var fit = Volatile.Read(ref _fit);
        if (fit is null)
        {
            stamp = default;
            return false;
        }

        double transpositionNs = 0;
        long compensation;
        if (receive)
        {
            transpositionNs = Layer2Transposition.RxDurationNs(layer2Length, LinkSpeedMbps);
            compensation = -_options.RxCompensation.Nanoseconds;
        }
        else
        {
            compensation = _options.TxCompensation.Nanoseconds;
        }

        long system = fit.SystemRefNs + (long)Math.Round(fit.ToSystemOffsetNs(phcNanoseconds, transpositionNs)) + compensation;
        stamp = new PacketTimestamp(new SystemTime(system), TimestampSource.Hardware, new TimeInterval((long)Math.Ceiling(fit.ErrorNs)));
        return true;
    }

    // The newest sample is kept when it is the one that showed the old ones no longer fit: it is
    // already on the new timeline and starts the new model.
    private void Reset(bool keepNewest)
    {
        Resets++;
        if (keepNewest && _count > 0)
        {
            _phcNs[0] = _phcNs[_count - 1];
            _systemNs[0] = _systemNs[_count - 1];
            _errorNs[0] = _errorNs[_count - 1];
            _count = 1;
        }
        else
        {
            _count = 0;
        }
    }

    // Least squares of system against PHC time over the samples, referenced to the newest sample so
    // the intercept is the fit's miss at the newest point. Null below MinSamples.
    private PhcFit? Fit()
    {
        if (_count < _options.MinSamples || _count < 2)
        {
            return null;
        }

        int last = _count - 1;
        long phcRef = _phcNs[last];
        long systemRef = _systemNs[last];
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < _count; i++)
        {
            meanX += _phcNs[i] - phcRef;
            meanY += _systemNs[i] - systemRef;
        }

        meanX /= _count;
        meanY /= _count;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < _count; i++)
        {
            double dx = _phcNs[i] - phcRef - meanX;
            sxx += dx * dx;
            sxy += dx * (_systemNs[i] - systemRef - meanY);
        }

        if (sxx <= 0)
        {
            return null;
        }

        double slope = sxy / sxx;
        double intercept = meanY - (slope * meanX);
        return new PhcFit(phcRef, systemRef, intercept, slope, _errorNs[last]);
    }
}
