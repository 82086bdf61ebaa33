using TimeActors.Timing.Sources;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Statistics;

/// <summary>
/// Per-source sample register and regression (chrony's sourcestats as the anchor). Keeps the newest
/// samples in the regression and, behind them, up to as many older samples again as history for the
/// runs test. Each accepted sample triggers a weighted regression of offset against local time; the
/// runs test drops the oldest samples once they stop following the line.
/// <para>
/// Not thread-safe: one owner (the source actor) feeds samples and applies clock changes. No
/// allocation after construction.
/// </para>
/// </summary>
public sealed class SourceStatistics
{
    /// <summary>Frequency bound used while no regression exists (chrony's worst case, 2000 ppm).</summary>
    public const double WorstCaseFrequencyBoundPpm = 2000;

    /// <summary>Standard deviation claimed while no regression exists.</summary>
    public static readonly TimeInterval WorstCaseStdDev = TimeInterval.FromSeconds(4);

    private const double MinSkew = 1e-12;
    private const double MaxSkew = 1.0;
    private const double MinStdDev = 1e-9;

    // Weights assume the offset SD is this fraction of the spread of peer distances.
    private const double SdToDistanceRatio = 0.7;

    private readonly SourceStatisticsSettings _settings;
    private readonly int _maxSamples;
    private readonly int _capacity;

    // Ring buffer, oldest first from _first; the newest _n entries are the regression set.
    private readonly long[] _timeNs;
    private readonly double[] _offset;
    private readonly double[] _delay;
    private readonly double[] _dispersion;
    private readonly double[] _rootDelay;
    private readonly double[] _rootDispersion;
    private int _first;
    private int _count;
    private int _n;

    private int _stratum;
    private LeapIndicator _leap = LeapIndicator.Unsynchronized;
    private int _bestSample;
    private SourceEstimate _estimate;
    private double _minDistanceSdSeconds;

    public SourceStatistics(SourceStatisticsSettings? settings = null)
    {
        _settings = settings ?? SourceStatisticsSettings.Default;
        _maxSamples = Math.Clamp(_settings.MaxSamples, WeightedRegression.MinPoints, SourceStatisticsSettings.SampleLimit);
        _capacity = SourceStatisticsSettings.SampleLimit * WeightedRegression.RunsRatio;
        _timeNs = new long[_capacity];
        _offset = new double[_capacity];
        _delay = new double[_capacity];
        _dispersion = new double[_capacity];
        _rootDelay = new double[_capacity];
        _rootDispersion = new double[_capacity];
        Reset();
    }

    public SourceStatisticsSettings Settings => _settings;

    /// <summary>Samples in the regression.</summary>
    public int SampleCount => _n;

    /// <summary>Older samples kept only to extend the runs test.</summary>
    public int HistoryCount => _count - _n;

    /// <summary>Regression samples plus history.</summary>
    public int StoredSamples => _count;

    /// <summary>True once three samples allow a regression.</summary>
    public bool HasRegression => _estimate.IsRegression;

    /// <summary>The current estimate (worst-case bounds before the first regression).</summary>
    public SourceEstimate Estimate => _estimate;

    /// <summary>
    /// Standard deviation of a sample at the smallest distance (weight 1), from the regression's
    /// weighted residuals; <see cref="SourceEstimate.StdDev"/> is that of an average sample (the
    /// harmonic mean of the weights). The delay filter measures delay increases against this one.
    /// <see cref="WorstCaseStdDev"/> before the first regression.
    /// </summary>
    public TimeInterval MinimumDistanceStdDev => TimeInterval.FromSeconds(_minDistanceSdSeconds);

    /// <summary>Smallest round-trip delay among the regression samples; zero when empty.</summary>
    public TimeInterval MinimumDelay
    {
        get
        {
            if (_count == 0)
                return TimeInterval.Zero;

            // Only the samples the regression still uses, as chrony: a lucky short round trip from
            // before the runs test trimmed it would otherwise keep the delay filter's threshold low
            // for as long as it stays in the history, rejecting most honest samples on a noisy path
            // (jitter world, seeds 1-40: median RMS 13.6 -> 13.2 ms; the other worlds unchanged).
            var min = double.MaxValue;
            for (var i = _count - _n; i < _count; i++)
                min = Math.Min(min, _delay[Slot(i)]);
            return TimeInterval.FromSeconds(min);
        }
    }

    /// <summary>Newest sample's local time, or null when empty.</summary>
    public SystemTime? LastSampleTime => _n == 0 ? null : new SystemTime(_timeNs[Slot(_count - 1)]);

    /// <summary>Forgets every sample (out-of-order input, source reset).</summary>
    public void Reset()
    {
        _first = _count = _n = 0;
        _bestSample = 0;
        _minDistanceSdSeconds = WorstCaseStdDev.TotalSeconds;
        _stratum = 0;
        _leap = LeapIndicator.Unsynchronized;
        _estimate = new SourceEstimate(default, TimeInterval.Zero, WorstCaseStdDev, 0, WorstCaseFrequencyBoundPpm,
            WorstCaseFrequencyBoundPpm, WorstCaseStdDev, 0, 0, TimeInterval.Zero, TimeInterval.Zero, false);
    }

    /// <summary>
    /// Adds a sample (already accepted by the filter) and re-runs the regression. A sample not newer
    /// than the last one means the local timeline broke, so the history is discarded first.
    /// </summary>
    public void Accumulate(in SourceSample sample)
    {
        if (_n > 0 && sample.LocalTime <= new SystemTime(_timeNs[Slot(_count - 1)]))
            Reset();

        if (_n == _maxSamples)
            Prune(1);

        if (_count == _capacity)
        {
            _first = (_first + 1) % _capacity;
            _count--;
        }

        var slot = Slot(_count);
        _timeNs[slot] = sample.LocalTime.UnixNanoseconds;
        _offset[slot] = sample.Offset.TotalSeconds;
        _delay[slot] = sample.Delay.TotalSeconds;
        _dispersion[slot] = sample.Dispersion.TotalSeconds;
        _rootDelay[slot] = sample.RootDelay.TotalSeconds;
        _rootDispersion[slot] = sample.RootDispersion.TotalSeconds;
        _count++;
        _n++;
        _stratum = sample.Stratum;
        _leap = sample.Leap;

        Regress();
    }

    /// <summary>
    /// The local clock was stepped by <paramref name="step"/> (every reading after it is that much
    /// larger). Stored samples are moved onto the new timeline so the regression continues unbroken.
    /// </summary>
    public void ApplyClockStep(TimeInterval step) => Rereference(default, 0, step.TotalSeconds);

    /// <summary>
    /// The local clock's rate changed at <paramref name="when"/>: from then on it runs faster by
    /// <paramref name="deltaFrequencyPpm"/> (negative: slower). Stored samples are re-expressed as if
    /// the new rate had always applied, keeping the offset at <paramref name="when"/> unchanged.
    /// </summary>
    public void ApplyFrequencyChange(SystemTime when, double deltaFrequencyPpm) =>
        Rereference(when, deltaFrequencyPpm * 1e-6, 0);

    /// <summary>The correctness interval and jitter for source selection at <paramref name="now"/>.</summary>
    public SelectionData GetSelectionData(SystemTime now)
    {
        if (_n == 0)
            return new SelectionData(false, TimeInterval.Zero, TimeInterval.Zero, WorstCaseStdDev, TimeInterval.Zero,
                TimeInterval.Zero, _stratum, _leap, _estimate);

        var best = Slot(_count - _n + _bestSample);
        var skew = _estimate.SkewPpm * 1e-6;
        var sampleAge = (now.UnixNanoseconds - _timeNs[best]) / 1e9;
        var offset = _offset[best] - sampleAge * _estimate.FrequencyPpm * 1e-6;
        var distance = 0.5 * _rootDelay[best] + _rootDispersion[best] + Math.Abs(sampleAge) * skew;

        var firstAgo = (now.UnixNanoseconds - _timeNs[Slot(_count - _n)]) / 1e9;
        var lastAgo = (now.UnixNanoseconds - _timeNs[Slot(_count - 1)]) / 1e9;

        // A source that stopped delivering samples keeps its old interval; widen it by the local
        // clock's possible wander once the silence is long compared with the span of its samples.
        if (firstAgo < 2 * lastAgo)
            distance += _settings.MaxClockErrorPpm * 1e-6 * (2 * lastAgo - firstAgo);

        return new SelectionData(_estimate.IsRegression, TimeInterval.FromSeconds(offset), TimeInterval.FromSeconds(distance),
            _estimate.StdDev, TimeInterval.FromSeconds(firstAgo), TimeInterval.FromSeconds(lastAgo), _stratum, _leap, _estimate);
    }

    private int Slot(int index) => (_first + index) % _capacity;

    // Moves the oldest `drop` regression samples into history, keeping history at most as long as
    // the runs test can use (RunsRatio - 1 times the regression set).
    private void Prune(int drop)
    {
        _n -= drop;
        var maxHistory = _n * (WeightedRegression.RunsRatio - 1);
        var excess = _count - _n - maxHistory;
        if (excess > 0)
        {
            _first = (_first + excess) % _capacity;
            _count -= excess;
        }
    }

    private void Rereference(SystemTime when, double deltaFrequency, double deltaOffset)
    {
        // A sample taken at t reads t' = t + (t - when)·df + doffset on the adjusted timeline; its
        // offset (source minus local) shrinks by the same amount.
        for (var i = 0; i < _count; i++)
        {
            var s = Slot(i);
            var shift = (_timeNs[s] - when.UnixNanoseconds) / 1e9 * deltaFrequency + deltaOffset;
            _timeNs[s] += (long)Math.Round(shift * 1e9);
            _offset[s] -= shift;

            // A round trip is (almost all) a local interval, read on the clock at its rate then: on
            // the new timescale it is 1 + Δ times as long. Unscaled, a sample taken during a
            // full-rate slew keeps a delay 8 % short and, as the minimum, makes the delay filter
            // reject every later sample of a 10 ns network (hw-lan lost half its samples).
            _delay[s] *= 1 + deltaFrequency;
        }

        if (_n == 0)
            return;

        var e = _estimate;
        var refShift = (e.ReferenceTime.UnixNanoseconds - when.UnixNanoseconds) / 1e9 * deltaFrequency + deltaOffset;
        var frequency = (e.FrequencyPpm * 1e-6 + deltaFrequency) / (1 + deltaFrequency);
        _estimate = e with
        {
            ReferenceTime = e.ReferenceTime + TimeInterval.FromSeconds(refShift),
            Offset = e.Offset - TimeInterval.FromSeconds(refShift),
            FrequencyPpm = frequency * 1e6,
        };
    }

    private void Regress()
    {
        Span<double> x = stackalloc double[_capacity];
        Span<double> y = stackalloc double[_capacity];
        Span<double> weights = stackalloc double[SourceStatisticsSettings.SampleLimit];
        Span<double> distances = stackalloc double[SourceStatisticsSettings.SampleLimit];

        var newest = _timeNs[Slot(_count - 1)];
        for (var i = 0; i < _count; i++)
        {
            var s = Slot(i);
            x[i] = (_timeNs[s] - newest) / 1e9;
            y[i] = _offset[s];
        }

        var history = _count - _n;
        var minDistance = double.MaxValue;
        for (var i = 0; i < _n; i++)
        {
            var s = Slot(history + i);
            distances[i] = 0.5 * _delay[s] + _dispersion[s];
            minDistance = Math.Min(minDistance, distances[i]);
        }

        ComputeWeights(distances[.._n], minDistance, weights[.._n]);

        if (WeightedRegression.TryFindBest(x[.._count], y[.._count], weights[.._n], history, _settings.MinSamples, out var fit))
        {
            var skew = Math.Clamp(fit.SlopeSd * StudentT.Quantile9995(fit.DegreesOfFreedom), MinSkew, MaxSkew);
            // fit.Variance = Σ(r²/weight)/(points - 2) × points / Σ(1/weight): the variance of a
            // sample of harmonic-mean weight. A weight-1 sample's is that times Σ(1/weight)/points.
            double inverseWeightSum = 0;
            for (var i = fit.Start; i < _n; i++)
                inverseWeightSum += 1 / weights[i];
            _minDistanceSdSeconds = Math.Max(MinStdDev, Math.Sqrt(fit.Variance * inverseWeightSum / (_n - fit.Start)));

            Prune(fit.Start);
            _bestSample = FindBestSample(skew, newest);
            var best = Slot(_count - _n + _bestSample);
            var bestAge = (newest - _timeNs[best]) / 1e9;

            // Regression slope is d(source - local)/dt; the local clock's gain is its negation.
            _estimate = new SourceEstimate(
                new SystemTime(newest),
                TimeInterval.FromSeconds(fit.Intercept),
                TimeInterval.FromSeconds(fit.InterceptSd),
                -fit.Slope * 1e6,
                Math.Clamp(fit.SlopeSd, MinSkew, MaxSkew) * 1e6,
                skew * 1e6,
                TimeInterval.FromSeconds(Math.Max(MinStdDev, Math.Sqrt(fit.Variance))),
                _n,
                fit.Runs,
                TimeInterval.FromSeconds(_rootDelay[best]),
                TimeInterval.FromSeconds(_rootDispersion[best] + skew * bestAge + fit.InterceptSd),
                true);
        }
        else
        {
            var newestSlot = Slot(_count - 1);
            _bestSample = FindBestSample(WorstCaseFrequencyBoundPpm * 1e-6, newest);
            _minDistanceSdSeconds = WorstCaseStdDev.TotalSeconds;
            _estimate = new SourceEstimate(
                new SystemTime(newest),
                TimeInterval.FromSeconds(_offset[newestSlot]),
                WorstCaseStdDev,
                0,
                WorstCaseFrequencyBoundPpm,
                WorstCaseFrequencyBoundPpm,
                WorstCaseStdDev,
                _n,
                0,
                TimeInterval.FromSeconds(_rootDelay[newestSlot]),
                TimeInterval.FromSeconds(_rootDispersion[newestSlot]),
                false);
        }
    }

    // Weight (larger = less trusted) grows with the square of how far a sample's distance is above
    // the best, in units of the typical spread of distances.
    private void ComputeWeights(ReadOnlySpan<double> distances, double minDistance, Span<double> weights)
    {
        Span<double> sorted = stackalloc double[distances.Length];
        distances.CopyTo(sorted);
        sorted.Sort();
        var half = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[half] : 0.5 * (sorted[half - 1] + sorted[half]);

        var precision = _settings.LocalPrecision.TotalSeconds;
        var sd = Math.Min(Math.Max(precision, (median - minDistance) / SdToDistanceRatio), minDistance);
        if (sd <= 0)
            sd = Math.Max(precision, MinStdDev);
        var threshold = minDistance + precision;

        for (var i = 0; i < distances.Length; i++)
        {
            var weight = 1.0;
            if (distances[i] > threshold)
                weight += (distances[i] - threshold) / sd;
            weights[i] = weight * weight;
        }
    }

    // The sample with the tightest root distance once aged to the newest sample's time.
    private int FindBestSample(double skew, long newest)
    {
        var history = _count - _n;
        var best = 0;
        var bestDistance = double.MaxValue;
        for (var i = 0; i < _n; i++)
        {
            var s = Slot(history + i);
            var distance = _rootDispersion[s] + (newest - _timeNs[s]) / 1e9 * skew + 0.5 * _rootDelay[s];
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = i;
            }
        }

        return best;
    }
}
