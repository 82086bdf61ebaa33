using Microsoft.Extensions.Logging;
using TimeActors.Actors;
using TimeActors.Service.Messages;
using TimeActors.Service.Network;
using TimeActors.Service.Status;
using TimeActors.Service.Telemetry;
using TimeActors.Timing.Exchange;
using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Selection;
using TimeActors.Timing.Sources;
using TimeActors.Timing.Statistics;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Service.Sources;

/// <summary>
/// One NTP source: a thin shell over <see cref="ClientExchange"/>. It carries out the exchange's
/// actions in order (sockets through <see cref="InterfaceSockets"/>, timers through
/// <see cref="IWithTimers"/> keyed by <see cref="ExchangeTimer"/> and carrying the exchange's tokens),
/// feeds TX stamps, datagrams and timers back, keeps the source's <see cref="SourceStatistics"/> and
/// sends a <see cref="SourceUpdate"/> to the clock actor after every response and reachability change.
/// Its state lives only here, so a crash restarts this source alone (its sockets are closed in
/// <see cref="PostStop"/>; the new instance starts polling afresh).
/// <para>
/// Client sockets follow the interface's <see cref="ClientSocketOptions"/>. Per request: the
/// exchange's OpenSocket/CloseSocket open and close a connected socket. With a fixed acquisition
/// port: OpenSocket attaches this source to the interface's shared socket and CloseSocket only
/// detaches it (the shared socket is never closed by a source); TX stamps of our sends still reach
/// us by TX id after the detach, as they would on chrony's acquisition socket.
/// </para>
/// <para>
/// A failed open or send (the interface or its route went away: ENETDOWN, ENETUNREACH, ...) is
/// counted and reported to the exchange as a lost socket; polling goes on, and the next request
/// opens (or attaches to) a socket again, so the source recovers by itself when the network returns.
/// </para>
/// <para>
/// <c>hwts-timeout = auto</c> (<see cref="ClientExchangeOptions.LearnedSavedResponseTimeout"/>, on an
/// interface with hardware timestamping): every request's hardware TX stamp is watched
/// (<see cref="TxStampWatch"/>) up to the poll bound after its send, and the outcome is published as
/// <see cref="TxStampLatencyObserved"/>; every source of the interface learns from all of them and
/// gives its exchange the learned wait before each response. So that a stamp later than the current
/// wait is still measured, a per-request socket the exchange closes after its response lingers, ignored
/// for datagrams, until the stamp comes or the bound passes; it is always closed before the next request.
/// </para>
/// </summary>
public sealed class SourceActor : ReceiveActor, IWithTimers
{
    private readonly SourceOptions _options;
    private readonly InterfaceSockets _network;
    private readonly IActorRef _clock;
    private readonly ClientExchange _exchange;
    private readonly SourceStatistics _statistics;
    private readonly SampleFilter _filter;
    private readonly byte[] _request = new byte[NtpHeader.Length];
    private readonly ExchangeAction[] _pending = new ExchangeAction[32];
    private ILogger _log = null!;

    private readonly bool _sharedSocket;
    private NetworkSocketId? _socket;
    private NetworkSocketId? _txSocket;
    private bool _txIdValid;
    private uint _txId;
    private NtpTimestamp _requestTransmitField;
    private TimestampCounts _txStamps;
    private TimestampCounts _rxStamps;
    private long _saved;
    private long _samplesRejectedByFilter;
    private long _responsesRejected;
    private SourceSample? _lastSample;
    private SourceSample? _newSample;
    private byte _lastReach;
    private long _openFailures;
    private long _sendFailures;
    private long _socketErrors;

    // hwts-timeout = auto: null with a fixed timeout or without hardware timestamping on the interface.
    private readonly TxStampLatencyLearner? _learner;
    private readonly TxStampWatch _watch = new();
    private NetworkSocketId _watchSocket;
    private uint _watchTxId;
    private NetworkSocketId? _lingering;
    private ulong _lingerToken;

    public SourceActor(SourceOptions options, InterfaceSockets network, IActorRef clock, IRandomSource? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _network = network;
        _sharedSocket = network.ClientSockets.Shared;
        _clock = clock;
        _exchange = new ClientExchange(options.Exchange, random ?? CryptoRandomSource.Instance)
        {
            HardwareTimestampingEnabled = network.HardwareTimestamping,
        };
        if (options.Exchange.LearnedSavedResponseTimeout is { } learning && network.HardwareTimestamping)
        {
            _learner = new TxStampLatencyLearner(learning);
        }

        _statistics = new SourceStatistics(options.Statistics);
        _filter = new SampleFilter(options.Filter, options.Statistics);

        Receive<SourceTimer>(OnTimer);
        Receive<RxPacket>(OnPacket);
        Receive<TxStamp>(OnTxStamp);
        Receive<SocketError>(OnSocketError);
        Receive<TxStampLatencyObserved>(OnLatencyObserved);
        Receive<LingerOver>(OnLingerOver);
        Receive<ClockStepped>(OnClockStepped);
        Receive<FrequencyChanged>(e =>
        {
            _statistics.ApplyFrequencyChange(e.At, e.DeltaPpm);
            _exchange.OnClockRateChanged(e.At, e.DeltaPpm); // stamps of a sample still to come
        });
        Receive<GetSourceReport>(_ => Sender?.Tell(BuildReport(), Self));
        Receive<GetSourceErrors>(_ => Sender?.Tell(new SourceErrorCounts(_openFailures, _sendFailures, _socketErrors), Self));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Responses that yielded no sample (bogus, duplicate, KoD, ...), for diagnostics.</summary>
    public long ResponsesRejected => _responsesRejected;

    public static Props Props(SourceOptions options, InterfaceSockets network, IActorRef clock, IRandomSource? random = null) =>
        Actors.Props.Create(() => new SourceActor(options, network, clock, random));

    protected override void PreStart()
    {
        _log = Context.System.LoggerFactory.CreateLogger<SourceActor>();
        Context.System.EventStream.Subscribe<ClockStepped>(Self);
        Context.System.EventStream.Subscribe<FrequencyChanged>(Self);
        if (_learner is not null)
        {
            Context.System.EventStream.Subscribe<TxStampLatencyObserved>(Self);
        }

        Execute(_exchange.Start());
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        CloseSocket();
        CloseLingering();
    }

    private static TimeSpan ToTimeSpan(TimeInterval interval) =>
        TimeSpan.FromTicks(Math.Max(0, (interval.Nanoseconds + 99) / 100));

    private void OnTimer(SourceTimer timer)
    {
        if (timer.Timer == ExchangeTimer.Transmit)
        {
            Execute(_exchange.Transmit(timer.Token, _network.ReadClock(), _request));
        }
        else
        {
            Execute(_exchange.OnTimer(timer.Timer, timer.Token));
        }
    }

    private void OnPacket(RxPacket packet)
    {
        if (_socket != packet.Socket)
        {
            return; // a datagram for a socket we already replaced
        }

        if (_learner is not null)
        {
            // The wait a response saved now gets: the interface's learned latency, bounded by this source's poll.
            _exchange.SavedResponseTimeout = new TimeInterval(_learner.TimeoutNs(ClientExchange.PollInterval(_exchange.Poll).Nanoseconds));
        }

        Execute(_exchange.OnResponse(packet.Payload, packet.RxStamp));
    }

    private void OnTxStamp(TxStamp stamp)
    {
        if (_learner is not null && _watch.Active && stamp.Stamp.Source == TimestampSource.Hardware
            && stamp.Socket == _watchSocket && stamp.TxId == _watchTxId)
        {
            // The latency that matters is until this actor sees the stamp: that is when it can release a response.
            Publish(_watch.StampArrived(_network.ReadClock()));
            if (_lingering == stamp.Socket)
            {
                CloseLingering();
            }
        }

        if (_txSocket != stamp.Socket || !_txIdValid || stamp.TxId != _txId)
        {
            return;
        }

        SourceTelemetry.OnTxStamp(_options, _network, stamp.Stamp);
        Execute(_exchange.OnTxStamp(_requestTransmitField, stamp.Stamp));
    }

    private void OnSocketError(SocketError error)
    {
        // An ICMP unreachable says the server is not there; the receive timeout and the reachability
        // register already account for the missing answer, so this is only worth a debug line.
        _socketErrors++;
        _log.LogDebug("Source {Source}: socket error {Errno} from {Offender}", _options.Name, error.Errno, error.Offender);
        if (_sharedSocket && NetworkErrors.IsLocalEndGone(error.Errno))
        {
            // The shared socket's device or address went away: retire it so the next request reopens it.
            _network.RetireShared(error.Socket);
        }
    }

    private void OnClockStepped(ClockStepped step)
    {
        _statistics.ApplyClockStep(step.Step);
        _exchange.OnClockAdjusted(step.Step);
        _watch.OnClockAdjusted(step.Step);

        // Selection must not keep using intervals from before the step until this source's next sample.
        SendUpdate();
    }

    /// <summary>
    /// Carries out one input's actions. They are copied first: the exchange's span is only valid until
    /// its next input, and a failed send feeds the exchange again.
    /// </summary>
    private void Execute(ReadOnlySpan<ExchangeAction> actions)
    {
        int count = actions.Length;
        actions.CopyTo(_pending);
        bool socketLost = false;
        bool update = false;
        for (int i = 0; i < count; i++)
        {
            ExchangeAction action = _pending[i];
            switch (action.Kind)
            {
                case ExchangeActionKind.OpenSocket:
                    socketLost |= !OpenSocket();
                    break;
                case ExchangeActionKind.CloseSocket:
                    CloseOrLinger();
                    break;
                case ExchangeActionKind.SendRequest:
                    socketLost |= !SendRequest(action.RequestLength);
                    update |= _exchange.Reachability.Bits != _lastReach;
                    break;
                case ExchangeActionKind.ArmTimer:
                    Timers.StartSingleTimer(action.Timer, new SourceTimer(action.Timer, action.TimerToken), ToTimeSpan(action.Delay));
                    break;
                case ExchangeActionKind.CancelTimer:
                    Timers.Cancel(action.Timer);
                    break;
                case ExchangeActionKind.ResponseSaved:
                    _saved++;
                    break;
                case ExchangeActionKind.ProcessSample:
                    ProcessSample(action.Sample);
                    SendUpdate(); // at once: every sample reaches the clock actor, even two from one input
                    break;
                case ExchangeActionKind.ResponseRejected:
                    _responsesRejected++;
                    SourceTelemetry.OnResponseRejected(_options, _network, action.Outcome);
                    update |= action.Outcome is ResponseOutcome.KissRate or ResponseOutcome.KissDenied;
                    _log.LogDebug("Source {Source}: response rejected ({Outcome})", _options.Name, action.Outcome);
                    if (action.Outcome is ResponseOutcome.KissRate)
                        _log.LogInformation("Source {Source} ({Address}) on {Interface} sent kiss-o'-death {Code}: polling backs off", _options.Name, _options.Address, _network.Name, "RATE");
                    break;
                case ExchangeActionKind.SavedResponseDiscarded:
                    break;
                case ExchangeActionKind.Demobilize:
                    _log.LogWarning("Source {Source} ({Address}) on {Interface} sent kiss-o'-death {Code} (DENY or RSTR): no longer polled", _options.Name, _options.Address, _network.Name, "DENY");
                    CloseSocket();
                    update = true;
                    break;
            }
        }

        if (socketLost && _socket is null)
        {
            _watch.Abandon();
            Execute(_exchange.OnSocketClosed());
            return;
        }

        if (update || _exchange.Reachability.Bits != _lastReach)
        {
            SendUpdate();
        }
    }

    private bool OpenSocket()
    {
        CloseSocket();

        // Never two requests' sockets at once: a lingering one goes before the next request, its stamp counted missing.
        if (_lingering is not null)
        {
            CloseLingering();
            Publish(_watch.Expire());
        }

        try
        {
            _socket = _sharedSocket ? _network.AttachClient(_options.Address, Self) : _network.OpenClient(_options.Address, Self);
            return true;
        }
        catch (IOException e)
        {
            // No route or no address while the interface is down: polling goes on, the next request tries again.
            _openFailures++;
            _log.LogWarning("Source {Source}: cannot open a socket to {Address}: {Reason}", _options.Name, _options.Address, e.Message);
            return false;
        }
    }

    private void CloseSocket()
    {
        if (_socket is { } socket)
        {
            if (_sharedSocket)
            {
                _network.DetachClient(socket, _options.Address, Self);
            }
            else
            {
                _network.Close(socket);
            }

            _socket = null;
        }

        if (!_sharedSocket)
        {
            _txIdValid = false; // a closed per-request socket gets no more stamps
        }
    }

    private bool SendRequest(int length)
    {
        if (_socket is not { } socket)
        {
            return false;
        }

        NetworkSendReceipt receipt = _sharedSocket
            ? _network.SendClient(socket, _request.AsSpan(0, length), _options.Address, Self)
            : _network.Send(socket, _request.AsSpan(0, length), requestTxStamp: true);
        if (!receipt.Sent)
        {
            _sendFailures++;
            _log.LogDebug("Source {Source}: send failed, errno {Errno}", _options.Name, receipt.Errno);
            CloseSocket();
            _txIdValid = false;
            return false;
        }

        _txSocket = socket;
        _txIdValid = receipt.TxStampRequested;
        _txId = receipt.TxId;
        _requestTransmitField = _exchange.RequestTransmitField;
        if (_learner is not null && receipt.TxStampRequested)
        {
            // A previous request's stamp still unseen (a shared socket, or no answer) ends as missing here.
            Publish(_watch.Start(receipt.DaemonTime, _learner.PollBoundNs(ClientExchange.PollInterval(_exchange.Poll).Nanoseconds)));
            _watchSocket = socket;
            _watchTxId = receipt.TxId;
        }

        return true;
    }

    /// <summary>
    /// The exchange is done with the request's socket. With <c>auto</c>, a per-request socket whose
    /// hardware TX stamp is still due within the poll bound stays open for it (datagrams on it are no
    /// longer routed to the exchange); otherwise it closes now, as chrony's does.
    /// </summary>
    private void CloseOrLinger()
    {
        if (_learner is null || _sharedSocket || _socket is not { } socket || !_watch.Active || socket != _watchSocket)
        {
            CloseSocket();
            return;
        }

        TimeInterval linger = _watch.LingerAfterClose(_network.ReadClock());
        if (linger <= TimeInterval.Zero)
        {
            CloseSocket();
            Publish(_watch.Expire());
            return;
        }

        _lingering = socket;
        _socket = null;
        _txIdValid = false; // the exchange's request is answered: its stamp now only teaches the learner
        Timers.StartSingleTimer(LingerOver.Key, new LingerOver(++_lingerToken), ToTimeSpan(linger));
    }

    private void OnLingerOver(LingerOver over)
    {
        if (over.Token != _lingerToken || _lingering is null)
        {
            return;
        }

        CloseLingering();
        Publish(_watch.Expire());
    }

    private void CloseLingering()
    {
        if (_lingering is { } socket)
        {
            _network.Close(socket);
            _lingering = null;
            Timers.Cancel(LingerOver.Key);
        }
    }

    private void OnLatencyObserved(TxStampLatencyObserved observed)
    {
        if (_learner is not null && ReferenceEquals(observed.Interface, _network))
        {
            observed.Outcome.ApplyTo(_learner);
        }
    }

    private void Publish(TxStampOutcome? outcome)
    {
        if (outcome is { } o)
        {
            Context.System.EventStream.Publish(new TxStampLatencyObserved(_network, o));
        }
    }

    private void ProcessSample(in SourceSample sample)
    {
        SampleVerdict verdict = _filter.Evaluate(sample, _statistics);
        if (verdict != SampleVerdict.Accepted)
        {
            _samplesRejectedByFilter++;
            _log.LogDebug("Source {Source}: sample rejected by the filter ({Verdict})", _options.Name, verdict);
            return;
        }

        // chrony's poll rule: how far the sample missed the prediction, against the peer distance.
        double errorInEstimate = _statistics.SampleCount > 0
            ? Math.Abs((sample.Offset - _statistics.Estimate.OffsetAt(sample.LocalTime)).TotalSeconds)
            : 0.0;
        _statistics.Accumulate(sample);
        _exchange.SkewPpm = _statistics.Estimate.SkewPpm;
        _exchange.AdjustPoll(PollController.AdjustmentForSample(
            errorInEstimate,
            (sample.Dispersion + new TimeInterval(sample.Delay.Nanoseconds / 2)).TotalSeconds,
            _statistics.SampleCount,
            _options.Exchange.PollTarget));
        SourceTelemetry.OnSampleAccepted(_options, _network, sample);
        _txStamps = _txStamps.Add(sample.TxSource);
        _rxStamps = _rxStamps.Add(sample.RxSource);
        _lastSample = sample;
        _newSample = sample;
    }

    private void SendUpdate()
    {
        _lastReach = _exchange.Reachability.Bits;
        SystemTime now = _network.ReadClock();
        bool reachable = _exchange.Reachability.IsReachable && _exchange.Activity != SourceActivity.Demobilized;
        _clock.Tell(new SourceUpdate(_options.SourceId, reachable, _options.NoSelect, _statistics.GetSelectionData(now), _newSample, BuildReport()), Self);
        _newSample = null;
    }

    private SourceReport BuildReport()
    {
        SourceSelectionState state = _options.NoSelect ? SourceSelectionState.NoSelect
            : !_exchange.Reachability.IsReachable || _exchange.Activity == SourceActivity.Demobilized ? SourceSelectionState.Unreachable
            : SourceSelectionState.Unusable;
        return new SourceReport(
            _options.Name,
            _options.Address.ToString(),
            state,
            _exchange.Reachability.Bits,
            _exchange.Poll,
            _lastSample?.Offset.TotalSeconds,
            _lastSample?.Delay.TotalSeconds,
            _statistics.SampleCount,
            _lastSample?.Interleaved ?? false,
            _txStamps,
            _rxStamps,
            new SavedResponseCounts(
                _saved,
                _exchange.SavedByHardwareStampCount,
                _exchange.SavedByTimeoutCount,
                _exchange.SavedByTransmissionCount,
                _exchange.SavedDiscardedCount))
        {
            HwTsTimeout = new HwTsTimeoutReport(
                _learner is not null || _options.Exchange.LearnedSavedResponseTimeout is not null,
                (_learner is null ? _exchange.SavedResponseTimeout : new TimeInterval(_learner.TimeoutNs(ClientExchange.PollInterval(_exchange.Poll).Nanoseconds))).TotalSeconds,
                _learner?.ArrivedTotal ?? 0,
                _learner?.MissingTotal ?? 0),
        };
    }

    /// <summary>The linger timer's message; the token tells a stale one (a socket already closed) from the current.</summary>
    private sealed record LingerOver(ulong Token)
    {
        public const string Key = "linger";
    }
}
