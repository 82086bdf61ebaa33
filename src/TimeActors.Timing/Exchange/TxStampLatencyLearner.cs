namespace TimeActors.Timing.Exchange;

/// <summary>
/// <c>hwts-timeout = auto</c>: learns how late an interface's hardware TX stamps reach the daemon
/// (send → stamp handled by the source) and answers how long a saved response should wait for its
/// stamp. Pure and single-threaded: one actor owns one instance; every source of an interface feeds
/// its own instance with the same stream of outcomes, so they learn the same value without sharing state.
/// </summary>
/// <remarks>
/// <para><b>What is learned.</b> A fixed window of the last <see cref="TxStampLatencyLearnerOptions.WindowSize"/>
/// outcomes. An outcome is either an arrived latency or a missing stamp. The timeout is the empirical
/// <see cref="TxStampLatencyLearnerOptions.Quantile"/> of the arrived latencies times
/// <see cref="TxStampLatencyLearnerOptions.Margin"/>, clamped to [floor, poll bound].</para>
/// <para><b>Why a window and not a streaming quantile estimator.</b> 128 longs are bounded memory, the
/// quantile is exact over them (no estimator bias in the tail we care about), and the window forgets:
/// a NIC that gets slower is followed after a couple of slow stamps (they become the top of the
/// window at once); one that gets faster is followed once the slow outcomes age out. That asymmetry is
/// deliberate: waiting too long costs nothing while stamps come, waiting too short loses samples.</para>
/// <para><b>Censoring.</b> A stamp can only be measured while its socket is open. The source keeps the
/// per-request socket open after the response is released until the poll bound after the send (see
/// <see cref="TxStampWatch"/>), so every stamp that could ever be useful is measured even while the
/// current timeout is shorter; the learned value is therefore not capped by itself. A stamp that does
/// not come within that bound is counted as missing: it goes into the window as an outcome (so old
/// arrivals age out at the same pace) but never into the quantile, otherwise the 2 % of stamps a NIC
/// drops would pin the timeout at the bound.</para>
/// </remarks>
public sealed class TxStampLatencyLearner
{
    private const long MissingMarker = -1;

    private readonly TxStampLatencyLearnerOptions _options;
    private readonly long[] _window;
    private readonly long[] _sorted;
    private int _count;
    private int _next;
    private int _arrivedInWindow;
    private bool _dirty;
    private long _learnedNs;

    public TxStampLatencyLearner(TxStampLatencyLearnerOptions? options = null)
    {
        _options = options ?? new TxStampLatencyLearnerOptions();
        _options.Validate();
        _window = new long[_options.WindowSize];
        _sorted = new long[_options.WindowSize];
    }

    public TxStampLatencyLearnerOptions Options => _options;

    /// <summary>Hardware TX stamps measured since start.</summary>
    public long ArrivedTotal { get; private set; }

    /// <summary>Requests whose hardware TX stamp did not come within the poll bound, since start.</summary>
    public long MissingTotal { get; private set; }

    /// <summary>Arrived latencies in the window (what the quantile rests on).</summary>
    public int ArrivedInWindow => _arrivedInWindow;

    public int MissingInWindow => _count - _arrivedInWindow;

    public TxStampLatencyPhase Phase =>
        _arrivedInWindow >= _options.MinObservations ? TxStampLatencyPhase.Learned
        : MissingInWindow >= _options.MinObservations ? TxStampLatencyPhase.StampsTooRare
        : TxStampLatencyPhase.Start;

    /// <summary>
    /// The quantile of the window's arrived latencies times the margin, before any clamping; 0 while
    /// there are no arrivals.
    /// </summary>
    public long LearnedLatencyNs
    {
        get
        {
            if (_dirty)
            {
                _learnedNs = ComputeLearnedNs();
                _dirty = false;
            }

            return _learnedNs;
        }
    }

    /// <summary>A hardware TX stamp reached the daemon <paramref name="latency_ns"/> after its request was sent.</summary>
    public void ObserveLatency(long latency_ns)
    {
        // Negative latencies come only from a clock step between send and stamp: the stamp did come, promptly.
        long clamped = Math.Clamp(latency_ns, 0, _options.MaxWaitNs);
        Push(clamped);
        ArrivedTotal++;
    }

    /// <summary>A request's hardware TX stamp did not come within the poll bound (or not at all).</summary>
    public void ObserveMissing()
    {
        Push(MissingMarker);
        MissingTotal++;
    }

    /// <summary>
    /// The longest a response may wait for its stamp, and the longest a socket lingers after its send
    /// for a late stamp: min(max wait, poll interval / divisor). A response must never wait into the
    /// next poll, and a stamp later than this would not be waited for anyway.
    /// </summary>
    public long PollBoundNs(long pollIntervalNs) =>
        Math.Min(_options.MaxWaitNs, Math.Max(0, pollIntervalNs) / _options.PollDivisor);

    /// <summary>
    /// How long a saved response of a source polling every <paramref name="pollIntervalNs"/> should
    /// wait for its hardware TX stamp now.
    /// </summary>
    public long TimeoutNs(long pollIntervalNs)
    {
        long boundNs = PollBoundNs(pollIntervalNs);
        long wantedNs = Phase switch
        {
            TxStampLatencyPhase.Learned => LearnedLatencyNs,
            TxStampLatencyPhase.StampsTooRare => _options.FloorNs,

            // Start value: as long as is safe. Until the NIC's latency is known, a short guess would
            // turn the first samples of a slow NIC into kernel-stamp samples; a stamp that never
            // comes costs only this one wait, which the bound keeps inside the poll interval.
            _ => boundNs,
        };

        // The floor yields to the bound: a response must never wait into the next poll.
        return Math.Min(Math.Max(wantedNs, _options.FloorNs), boundNs);
    }

    private void Push(long value)
    {
        if (_count == _window.Length)
        {
            if (_window[_next] != MissingMarker)
            {
                _arrivedInWindow--;
            }
        }
        else
        {
            _count++;
        }

        _window[_next] = value;
        if (value != MissingMarker)
        {
            _arrivedInWindow++;
        }

        _next = (_next + 1) % _window.Length;
        _dirty = true;
    }

    private long ComputeLearnedNs()
    {
        int n = 0;
        for (int i = 0; i < _count; i++)
        {
            if (_window[i] != MissingMarker)
            {
                _sorted[n++] = _window[i];
            }
        }

        if (n == 0)
        {
            return 0;
        }

        Span<long> arrived = _sorted.AsSpan(0, n);
        arrived.Sort();

        // The smallest value with at least a share q of the arrivals at or below it (the tiny epsilon
        // keeps 0.99 * 100 = 99.000000000000014 from skipping to the maximum).
        int index = Math.Clamp((int)Math.Ceiling((_options.Quantile * n) - 1e-9) - 1, 0, n - 1);
        double withMargin = Math.Ceiling(arrived[index] * _options.Margin);
        return withMargin >= _options.MaxWaitNs ? _options.MaxWaitNs : (long)withMargin;
    }
}
