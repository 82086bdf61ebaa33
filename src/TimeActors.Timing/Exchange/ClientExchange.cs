using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Exchange;

/// <summary>
/// The client side of one NTP source as a pure state machine: it builds requests, takes TX stamps
/// and responses, and answers every input with the actions its actor must carry out (open/close the
/// per-request socket, send, arm/cancel timers, hand a sample on). It never reads a clock: every time
/// comes in as an argument. Not thread-safe: one actor owns one instance.
/// </summary>
/// <remarks>
/// The returned action span is valid until the next call on the same instance.
/// Timers carry a token; a timer reported with a token that is no longer current is ignored, so a
/// late timer message after a cancel cannot cause a transition.
/// </remarks>
public sealed partial class ClientExchange
{
    /// <summary>Lowest and highest poll exponents accepted (chrony's MIN_POLL/MAX_POLL).</summary>
    public const int LowestPoll = -6;

    public const int HighestPoll = 24;

    /// <summary>At most this many interleaved requests may go unanswered before requests fall back to basic.</summary>
    public const int MaxUnansweredInterleavedRequests = 4;

    public const int InitialBurstGoodSamples = 4;

    public const int InitialBurstTotalSamples = 8;

    /// <summary>Longest time a server may take between receiving a request and answering it (test A).</summary>
    public static readonly TimeInterval MaxServerInterval = TimeInterval.FromSeconds(4);

    /// <summary>A better TX stamp replaces the current one only if it is 0..1 s later (chrony's MAX_TX_DELAY).</summary>
    public static readonly TimeInterval MaxTxStampDelay = TimeInterval.FromSeconds(1);

    /// <summary>Spacing of burst requests, at most (also at most a quarter of the poll interval).</summary>
    public static readonly TimeInterval MaxBurstInterval = TimeInterval.FromSeconds(2);

    /// <summary>RFC 5905 test 7 limit and the largest dispersion: 16 s.</summary>
    public static readonly TimeInterval MaxDispersion = TimeInterval.FromSeconds(16);

    /// <summary>Frequency tolerance assumed until the statistics know better (RFC 5905 PHI, 15 ppm).</summary>
    public const double DefaultSkewPpm = 15.0;

    /// <summary>The skew used for dispersion is capped here, as chrony does, so one bad estimate cannot explode it.</summary>
    public const double MaxSkewPpm = 2000.0;

    /// <summary>Client requests hide our precision (and everything else) behind this value.</summary>
    private const sbyte RequestPrecision = 32;

    private readonly ClientExchangeOptions _options;
    private readonly IRandomSource _random;
    private readonly IResponseAuthenticator _authenticator;
    private readonly ExchangeActionBuffer _actions = new();
    private readonly PollController _poll;
    private readonly byte[] _savedDatagram = new byte[NtpPacket.MaxLength];

    private ulong _lastTimerToken;
    private ulong _transmitToken;
    private ulong _receiveToken;
    private ulong _savedToken;
    private bool _socketOpen;
    private int _burstGoodLeft;
    private int _burstTotalLeft;
    private double _skewPpm = DefaultSkewPpm;

    // The request in flight: the nonces we put on the wire and the real T1 we keep to ourselves.
    private bool _requestSent;
    private bool _requestInterleaved;
    private NtpTimestamp _localNtpTx;
    private NtpTimestamp _localNtpRx;
    private PacketTimestamp _localTx;
    private SystemTime _lastTransmitTime;
    private int _txCount;
    private bool _validRx;

    // From the last valid response: what interleaved mode and test 1 need.
    private NtpTimestamp _remoteNtpRx;
    private NtpTimestamp _remoteNtpTx;
    private PacketTimestamp _localRx;
    private bool _validTimestamps;
    private bool _hasPrevLocalTx;
    private PacketTimestamp _prevLocalTx;

    // _prevLocalTx is the T1 of the request now in flight's answered exchange (set when its response
    // was processed, cleared by the next request): a TX stamp of that request arriving after its
    // response must still reach _prevLocalTx.
    private bool _prevLocalTxIsCurrentRequest;
    private NtpShort _remoteRootDelay;
    private NtpShort _remoteRootDispersion;

    // The single saved-response slot.
    private int _savedLength;
    private PacketTimestamp _savedRx;

    public ClientExchange(ClientExchangeOptions options, IRandomSource random, IResponseAuthenticator? authenticator = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        options.Validate();
        _options = options;
        _random = random;
        _authenticator = authenticator ?? NoAuthentication.Instance;
        _poll = new PollController(options.MinPoll, options.MaxPoll);
        SavedResponseTimeout = options.SavedResponseTimeout;
    }

    public ClientExchangeOptions Options => _options;

    public SourceActivity Activity { get; private set; } = SourceActivity.Offline;

    /// <summary>
    /// How long a saved response waits for its hardware TX stamp (hwtstimeout): the option's value
    /// until the actor sets another (<c>hwts-timeout = auto</c> sets the learned value before each
    /// input). Zero or negative disables saving. A response already waiting keeps its armed timer.
    /// </summary>
    public TimeInterval SavedResponseTimeout { get; set; }

    /// <summary>Whether hardware timestamping is enabled on at least one interface (a save condition).</summary>
    public bool HardwareTimestampingEnabled { get; set; }

    /// <summary>The source's frequency skew from its statistics, used for the sample dispersion; capped at 2000 ppm.</summary>
    public double SkewPpm
    {
        get => _skewPpm;
        set => _skewPpm = double.IsFinite(value) ? Math.Clamp(value, 0.0, MaxSkewPpm) : MaxSkewPpm;
    }

    /// <summary>Whether selection currently synchronises the clock to this source (it backs off more gently when silent).</summary>
    public bool SelectedForSynchronization { get; set; }

    /// <summary>Our own reference ID while we serve time; a source whose refid equals it is synchronised to us (test D).</summary>
    public uint? LocalReferenceId { get; set; }

    public int Poll => _poll.Poll;

    public PollController PollControl => _poll;

    public ReachabilityRegister Reachability { get; private set; }

    public bool SocketOpen => _socketOpen;

    public bool InBurst => _burstGoodLeft > 0 && _burstTotalLeft > 0;

    /// <summary>Best known local transmit stamp (T1) of the latest request.</summary>
    public PacketTimestamp TransmitStamp => _localTx;

    /// <summary>The transmit field (nonce) of the latest request, which TX stamps are matched against.</summary>
    public NtpTimestamp RequestTransmitField => _localNtpTx;

    /// <summary>Requests sent since the last valid response.</summary>
    public int UnansweredRequests => _txCount;

    public long GoodSampleCount { get; private set; }

    public long ValidResponseCount { get; private set; }

    public long SavedByHardwareStampCount { get; private set; }

    public long SavedByTimeoutCount { get; private set; }

    public long SavedByTransmissionCount { get; private set; }

    public long SavedBySecondResponseCount { get; private set; }

    public long SavedDiscardedCount { get; private set; }

    /// <summary>The interval the poll exponent stands for.</summary>
    public static TimeInterval PollInterval(int poll) =>
        poll >= 0 ? new TimeInterval(1_000_000_000L << Math.Min(poll, HighestPoll)) : new TimeInterval(1_000_000_000L >> Math.Min(-poll, 30));

    /// <summary>Goes online: the first request is scheduled after the initial delay (and a burst starts if configured).</summary>
    public ReadOnlySpan<ExchangeAction> Start()
    {
        _actions.Clear();
        if (Activity != SourceActivity.Offline)
        {
            return _actions.Actions;
        }

        Activity = SourceActivity.Online;
        if (_options.InitialBurst)
        {
            _burstGoodLeft = InitialBurstGoodSamples;
            _burstTotalLeft = InitialBurstTotalSamples;
        }

        ArmTimer(ExchangeTimer.Transmit, _options.InitialDelay);
        return _actions.Actions;
    }

    /// <summary>
    /// Goes offline: a saved response is discarded unprocessed, the socket closed and timers cancelled.
    /// </summary>
    public ReadOnlySpan<ExchangeAction> GoOffline()
    {
        _actions.Clear();
        if (Activity != SourceActivity.Online)
        {
            return _actions.Actions;
        }

        Activity = SourceActivity.Offline;
        StopEverything();
        return _actions.Actions;
    }

    /// <summary>
    /// The transmit timer fired: release any saved response first, then replace the per-request socket
    /// and write a request into <paramref name="request"/>. <paramref name="daemonTxTime"/> is the
    /// clock read just before sending; kernel or hardware stamps may improve it later.
    /// </summary>
    public ReadOnlySpan<ExchangeAction> Transmit(ulong timerToken, SystemTime daemonTxTime, Span<byte> request)
    {
        if (request.Length < NtpHeader.Length)
        {
            throw new ArgumentException("The request buffer must hold at least 48 bytes.", nameof(request));
        }

        _actions.Clear();
        if (Activity != SourceActivity.Online || timerToken != _transmitToken)
        {
            return _actions.Actions;
        }

        _transmitToken = 0;
        if (SavedState == SavedResponseState.Waiting)
        {
            ReleaseSaved(SavedResponseRelease.NextTransmission);
            if (Activity != SourceActivity.Online)
            {
                return _actions.Actions;
            }
        }

        if (_socketOpen)
        {
            CloseSocketDecision();
        }

        Reachability = Reachability.Shift();
        bool interleaved = _options.Interleaved && _txCount < MaxUnansweredInterleavedRequests && !_remoteNtpRx.IsZero;
        _localNtpTx = NextNonce();
        _localNtpRx = interleaved ? NextNonce() : NtpTimestamp.Zero;
        var header = new NtpHeader(
            LeapIndicator.NoWarning,
            _options.Version,
            NtpMode.Client,
            Stratum: 0,
            Poll: (sbyte)_poll.Poll,
            Precision: RequestPrecision,
            RootDelay: NtpShort.Zero,
            RootDispersion: NtpShort.Zero,
            ReferenceId: 0,
            Reference: NtpTimestamp.Zero,
            Origin: interleaved ? _remoteNtpRx : NtpTimestamp.Zero,
            Receive: _localNtpRx,
            Transmit: _localNtpTx);
        header.WriteTo(request);

        _requestSent = true;
        _requestInterleaved = interleaved;
        _prevLocalTxIsCurrentRequest = false;
        _localTx = new PacketTimestamp(daemonTxTime, TimestampSource.Daemon, TimeInterval.Zero);
        _lastTransmitTime = daemonTxTime;
        _validRx = false;
        _txCount++;
        if (_txCount >= 2)
        {
            // At least one request went unanswered: poll less often rather than keep hammering an
            // absent server, and more gently if it is the source we synchronise to.
            _poll.Adjust(SelectedForSynchronization ? 0.1 : 0.25);
        }

        if (_burstTotalLeft > 0)
        {
            _burstTotalLeft--;
        }

        _socketOpen = true;
        _actions.Add(new ExchangeAction(ExchangeActionKind.OpenSocket));
        _actions.Add(new ExchangeAction(ExchangeActionKind.SendRequest, RequestLength: NtpHeader.Length));
        ArmTimer(ExchangeTimer.Receive, _options.ReceiveTimeout);
        ArmTimer(ExchangeTimer.Transmit, NextTransmitDelay());
        return _actions.Actions;
    }

    /// <summary>
    /// A TX stamp for a request we sent, identified by the transmit field of that request. It replaces
    /// the current T1 only if it is of a better kind (hardware &gt; kernel &gt; daemon) and 0..1 s later;
    /// a hardware stamp releases a saved response.
    /// </summary>
    public ReadOnlySpan<ExchangeAction> OnTxStamp(NtpTimestamp requestTransmitField, PacketTimestamp stamp)
    {
        _actions.Clear();
        if (!_requestSent || requestTransmitField != _localNtpTx || !IsBetterTxStamp(_localTx, stamp))
        {
            return _actions.Actions;
        }

        _localTx = stamp;

        // The response came first (a slow NIC, or the error queue read after the datagram): the
        // sample it gave used the earlier T1, but the next interleaved sample takes its T1 from this
        // exchange, and that is exactly where interleaved mode wants the better stamp (RFC 9769).
        // chrony copies local_tx only at response time and loses such stamps; with kernel stamps that
        // left interleaved samples biased by half the daemon-to-wire latency.
        if (_prevLocalTxIsCurrentRequest)
        {
            _prevLocalTx = stamp;
        }

        if (stamp.Source == TimestampSource.Hardware && SavedState == SavedResponseState.Waiting)
        {
            ReleaseSaved(SavedResponseRelease.HardwareTxStamp);
        }

        return _actions.Actions;
    }

    /// <summary>Whether <paramref name="candidate"/> may replace <paramref name="current"/> as the request's T1.</summary>
    public static bool IsBetterTxStamp(PacketTimestamp current, PacketTimestamp candidate)
    {
        TimeInterval later = candidate.Time - current.Time;
        return candidate.Source > current.Source && later >= TimeInterval.Zero && later <= MaxTxStampDelay;
    }

    /// <summary>A datagram arrived on the source's socket with its local receive stamp (T4).</summary>
    public ReadOnlySpan<ExchangeAction> OnResponse(ReadOnlySpan<byte> datagram, PacketTimestamp rx)
    {
        _actions.Clear();
        if (Activity != SourceActivity.Online)
        {
            Reject(ResponseOutcome.NotActive, SavedResponseRelease.NotSaved);
            return _actions.Actions;
        }

        ProcessResponse(datagram, rx, SavedResponseRelease.NotSaved);
        return _actions.Actions;
    }

    /// <summary>A receive or saved-response timer fired. The transmit timer is handled by <see cref="Transmit"/>.</summary>
    public ReadOnlySpan<ExchangeAction> OnTimer(ExchangeTimer timer, ulong timerToken)
    {
        _actions.Clear();
        switch (timer)
        {
            case ExchangeTimer.Receive when timerToken == _receiveToken && _receiveToken != 0:
                _receiveToken = 0;
                if (_socketOpen)
                {
                    // No acceptable response in time: the socket goes, and with it any saved response.
                    CloseSocketDecision();
                }

                break;
            case ExchangeTimer.SavedResponse when timerToken == _savedToken && _savedToken != 0:
                _savedToken = 0;
                ReleaseSaved(SavedResponseRelease.Timeout);
                break;
            case ExchangeTimer.Transmit:
                throw new ArgumentException("The transmit timer is reported through Transmit(), which needs the request buffer.", nameof(timer));
            default:
                break;
        }

        return _actions.Actions;
    }

    /// <summary>
    /// The actor's socket was closed for a reason of its own (I/O error, interface gone): a saved
    /// response cannot get its TX stamp any more and is discarded.
    /// </summary>
    public ReadOnlySpan<ExchangeAction> OnSocketClosed()
    {
        _actions.Clear();
        if (_socketOpen)
        {
            DiscardSaved();
            _socketOpen = false;
            CancelTimer(ExchangeTimer.Receive);
        }

        return _actions.Actions;
    }

    /// <summary>
    /// The system clock was stepped or slewed by <paramref name="correction"/> (readings after the
    /// change are that much larger). Stored local stamps, including a saved response's RX stamp, are
    /// moved onto the new timescale so offsets computed later stay right.
    /// </summary>
    public void OnClockAdjusted(TimeInterval correction)
    {
        _localTx = _localTx with { Time = _localTx.Time + correction };
        _lastTransmitTime += correction;
        _localRx = _localRx with { Time = _localRx.Time + correction };
        _prevLocalTx = _prevLocalTx with { Time = _prevLocalTx.Time + correction };
        _savedRx = _savedRx with { Time = _savedRx.Time + correction };
    }

    /// <summary>
    /// The clock's rate changed at <paramref name="when"/> by <paramref name="deltaFrequencyPpm"/>
    /// (relative to its rate before; positive: faster). Stored local stamps are re-expressed as if the
    /// new rate had always applied (t + (t − when)·Δ), as <see cref="Statistics.SourceStatistics"/>
    /// does with its samples. Without this a sample built later from stamps taken before the change
    /// (every interleaved sample, a saved response) lands in the statistics on the old timescale: at
    /// poll 0 during a full-rate slew that is 83 µs per millisecond of age, 83 ms for a 1 s old T1.
    /// </summary>
    public void OnClockRateChanged(SystemTime when, double deltaFrequencyPpm)
    {
        double delta = deltaFrequencyPpm * 1e-6;
        _localTx = _localTx with { Time = Rereference(_localTx.Time, when, delta) };
        _lastTransmitTime = Rereference(_lastTransmitTime, when, delta);
        _localRx = _localRx with { Time = Rereference(_localRx.Time, when, delta) };
        _prevLocalTx = _prevLocalTx with { Time = Rereference(_prevLocalTx.Time, when, delta) };
        _savedRx = _savedRx with { Time = Rereference(_savedRx.Time, when, delta) };
    }

    // Unset stamps (default) stay unset.
    private static SystemTime Rereference(SystemTime time, SystemTime when, double delta) =>
        time == default ? time : time + TimeInterval.FromSeconds((time - when).TotalSeconds * delta);

    /// <summary>
    /// Applies a poll adjustment from the source statistics (see <see cref="PollController.AdjustmentForSample"/>).
    /// </summary>
    public void AdjustPoll(double adjustment) => _poll.Adjust(adjustment);

    private TimeInterval NextTransmitDelay()
    {
        TimeInterval interval = PollInterval(_poll.Poll);
        if (InBurst)
        {
            TimeInterval quarter = new(interval.Nanoseconds / 4);
            return quarter < MaxBurstInterval ? quarter : MaxBurstInterval;
        }

        return interval;
    }

    private NtpTimestamp NextNonce()
    {
        ulong nonce;
        do
        {
            nonce = _random.NextUInt64();
        }
        while (nonce == 0);

        return new NtpTimestamp(nonce);
    }

    private void ArmTimer(ExchangeTimer timer, TimeInterval delay)
    {
        ulong token = ++_lastTimerToken;
        switch (timer)
        {
            case ExchangeTimer.Transmit:
                _transmitToken = token;
                break;
            case ExchangeTimer.Receive:
                _receiveToken = token;
                break;
            default:
                _savedToken = token;
                break;
        }

        _actions.Add(new ExchangeAction(ExchangeActionKind.ArmTimer, timer, delay < TimeInterval.Zero ? TimeInterval.Zero : delay, token));
    }

    private void CancelTimer(ExchangeTimer timer)
    {
        ref ulong token = ref _savedToken;
        if (timer == ExchangeTimer.Transmit)
        {
            token = ref _transmitToken;
        }
        else if (timer == ExchangeTimer.Receive)
        {
            token = ref _receiveToken;
        }

        if (token != 0)
        {
            token = 0;
            _actions.Add(new ExchangeAction(ExchangeActionKind.CancelTimer, timer));
        }
    }

    private void CloseSocketDecision()
    {
        // Never close while a response waits for its TX stamp; callers release or discard it first.
        DiscardSaved();
        _socketOpen = false;
        CancelTimer(ExchangeTimer.Receive);
        _actions.Add(new ExchangeAction(ExchangeActionKind.CloseSocket));
    }

    private void StopEverything()
    {
        if (_socketOpen)
        {
            CloseSocketDecision();
        }
        else
        {
            DiscardSaved();
        }

        CancelTimer(ExchangeTimer.Transmit);
        CancelTimer(ExchangeTimer.Receive);
        _burstGoodLeft = 0;
        _burstTotalLeft = 0;
    }

    private void Reject(ResponseOutcome outcome, SavedResponseRelease release) =>
        _actions.Add(new ExchangeAction(ExchangeActionKind.ResponseRejected, Outcome: outcome, Release: release));
}
