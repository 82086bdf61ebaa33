using TimeActors.Timing.Sources;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Exchange;

/// <summary>Response validation (RFC 5905 tests, chrony's extra tests) and the sample computation.</summary>
public sealed partial class ClientExchange
{
    /// <summary>Bit mask of the RFC 5905 tests 1-7 (bit n-1 = test n passed) of the last response, for ntpdata-like reports.</summary>
    public int LastTestBits { get; private set; }

    /// <summary>|T3 - T2| of the last sample: how long the server held our request.</summary>
    public TimeInterval LastResponseTime { get; private set; }

    private void ProcessResponse(ReadOnlySpan<byte> datagram, PacketTimestamp rx, SavedResponseRelease release)
    {
        if (NtpPacket.TryParse(datagram, out NtpPacket packet) != NtpParseError.None)
        {
            Reject(ResponseOutcome.Malformed, release);
            return;
        }

        NtpHeader header = packet.Header;
        if (header.Mode != NtpMode.Server)
        {
            Reject(ResponseOutcome.NotServerMode, release);
            return;
        }

        bool test1 = header.Receive != _remoteNtpRx || header.Transmit != _remoteNtpTx;
        bool test2Basic = _requestSent && header.Origin == _localNtpTx;
        bool test2Interleaved = _requestSent && _requestInterleaved && header.Origin == _localNtpRx;
        bool test2 = test2Basic || test2Interleaved;
        bool interleaved = !test2Basic && test2Interleaved;
        bool test3 = !header.Origin.IsZero && !header.Receive.IsZero && !header.Transmit.IsZero;

        // A released response was authenticated on arrival; NTS would refuse a second check.
        bool test5 = release != SavedResponseRelease.NotSaved || _authenticator.IsAuthentic(packet);
        bool test6 = header.Leap != LeapIndicator.Unsynchronized && header.Stratum is > 0 and < 16;
        TimeInterval packetRootDelay = header.RootDelay.ToInterval();
        TimeInterval packetRootDispersion = header.RootDispersion.ToInterval();
        bool test7 = new TimeInterval(packetRootDelay.Nanoseconds / 2) + packetRootDispersion < MaxDispersion;
        bool valid = test1 && test2 && test3 && test5;
        bool synced = valid && test6 && test7;
        LastTestBits = (test1 ? 1 : 0) | (test2 ? 2 : 0) | (test3 ? 4 : 0) | 8 | (test5 ? 16 : 0) | (test6 ? 32 : 0) | (test7 ? 64 : 0);

        if (test1 && test2 && test5 && !_validRx && header.Leap == LeapIndicator.Unsynchronized && KissCode.IsKissOfDeath(header)
            && header.ReferenceId is KissCode.Rate or KissCode.Deny or KissCode.Restrict)
        {
            HandleKissOfDeath(header.ReferenceId, release);
            return;
        }

        if (valid && release == SavedResponseRelease.NotSaved)
        {
            if (SavedState == SavedResponseState.Waiting)
            {
                // One slot per source: the waiting response is processed now, then this one (which
                // then fails the one-response-per-request rule, as in chrony).
                ReleaseSaved(SavedResponseRelease.SecondResponse);
            }
            else if (_socketOpen // a closed socket can no longer deliver the TX stamp: nothing to wait for
                     && SavedResponseRules.ShouldSave(
                         valid,
                         synced,
                         _validRx,
                         HardwareTimestampingEnabled,
                         _localTx.Source == TimestampSource.Hardware,
                         GoodSampleCount,
                         SavedResponseTimeout > TimeInterval.Zero))
            {
                Save(datagram, rx);
                return;
            }
        }

        if (!valid)
        {
            Reject(
                !test1 ? ResponseOutcome.Duplicate
                : !test2 ? ResponseOutcome.BogusOrigin
                : !test3 ? ResponseOutcome.ZeroTimestamp
                : ResponseOutcome.AuthenticationFailed,
                release);
            return;
        }

        if (_validRx)
        {
            Reject(ResponseOutcome.AlreadyAnswered, release);
            return;
        }

        ResponseOutcome outcome;
        SourceSample sample = default;
        if (!test6)
        {
            outcome = ResponseOutcome.Unsynchronized;
        }
        else if (!test7)
        {
            outcome = ResponseOutcome.RootDistanceTooLarge;
        }
        else if (interleaved && !_validTimestamps)
        {
            outcome = ResponseOutcome.InterleavedWithoutTimestamps;
        }
        else
        {
            outcome = MeasureSample(header, rx, interleaved, out sample);
        }

        // Remember this exchange for test 1 and for the next interleaved response.
        _remoteNtpRx = header.Receive;
        _remoteNtpTx = header.Transmit;
        _localRx = rx;
        _validTimestamps = synced;
        // A good basic sample's timestamps must not be reused by the next interleaved sample
        // (it would count the same exchange twice); after an interleaved or unused response they may.
        _hasPrevLocalTx = interleaved || outcome != ResponseOutcome.GoodSample;
        _prevLocalTx = _localTx;
        _prevLocalTxIsCurrentRequest = true;
        _remoteRootDelay = header.RootDelay;
        _remoteRootDispersion = header.RootDispersion;
        _validRx = true;
        _txCount = 0;
        ValidResponseCount++;
        if (synced)
        {
            Reachability = Reachability.MarkResponse();
        }

        if (outcome == ResponseOutcome.GoodSample)
        {
            GoodSampleCount++;
            _actions.Add(new ExchangeAction(ExchangeActionKind.ProcessSample, Sample: sample, Release: release));
            CountBurstSample(rx.Time);
        }
        else
        {
            // A valid response without a usable sample: lengthen the poll slowly (barely if only
            // the loop test failed, since that resolves when our own state changes).
            _poll.Adjust(outcome == ResponseOutcome.SynchronizationLoop ? 0.02 : 0.1);
            Reject(outcome, release);
        }

        // The request is answered: its socket is no longer needed (nothing is saved at this point).
        if (_socketOpen)
        {
            CloseSocketDecision();
        }
    }

    private ResponseOutcome MeasureSample(in NtpHeader header, PacketTimestamp rx, bool interleaved, out SourceSample sample)
    {
        SystemTime pivot = rx.Time;
        PacketTimestamp localTransmit;
        PacketTimestamp localReceive;
        SystemTime remoteReceive;
        SystemTime remoteRequestReceive;
        SystemTime remoteTransmit = header.Transmit.ToSystemTime(pivot);
        TimeInterval packetRootDelay = header.RootDelay.ToInterval();
        TimeInterval packetRootDispersion = header.RootDispersion.ToInterval();
        if (interleaved)
        {
            // T3 is the server's TX stamp of its previous response, whose arrival we stamped as T4.
            localReceive = _localRx;

            // Prefer the previous request's T1/T2 when that keeps the measured intervals within one
            // round trip: the gap since the previous response dwarfs that round trip (ratio 0.1).
            // Root delay and dispersion then belong to that previous exchange; otherwise the two
            // exchanges are mixed and the larger values count.
            TimeInterval previousRootDelay = _remoteRootDelay.ToInterval();
            TimeInterval previousRootDispersion = _remoteRootDispersion.ToInterval();
            if (_hasPrevLocalTx
                && (_localTx.Time - _localRx.Time).Nanoseconds > 10 * (_localRx.Time - _prevLocalTx.Time).Nanoseconds)
            {
                remoteReceive = _remoteNtpRx.ToSystemTime(pivot);
                remoteRequestReceive = remoteReceive;
                localTransmit = _prevLocalTx;
                packetRootDelay = previousRootDelay;
                packetRootDispersion = previousRootDispersion;
            }
            else
            {
                remoteReceive = header.Receive.ToSystemTime(pivot);
                remoteRequestReceive = _remoteNtpRx.ToSystemTime(pivot);
                localTransmit = _localTx;
                packetRootDelay = packetRootDelay > previousRootDelay ? packetRootDelay : previousRootDelay;
                packetRootDispersion = packetRootDispersion > previousRootDispersion ? packetRootDispersion : previousRootDispersion;
            }
        }
        else
        {
            remoteReceive = header.Receive.ToSystemTime(pivot);
            remoteRequestReceive = remoteReceive;
            localReceive = rx;
            localTransmit = _localTx;
        }

        TimeInterval remoteInterval = remoteTransmit - remoteReceive;
        TimeInterval localInterval = localReceive.Time - localTransmit.Time;
        TimeInterval responseTime = (remoteTransmit - remoteRequestReceive).Abs();
        TimeInterval precision = _options.LocalPrecision + Log2ToInterval(header.Precision);

        TimeInterval delay = (localInterval - remoteInterval).Abs();
        if (delay < precision)
        {
            delay = precision;
        }

        // theta = ((T2 - T1) + (T3 - T4)) / 2, kept in differences so nothing overflows.
        TimeInterval offset = new TimeInterval(((remoteReceive - localTransmit.Time).Nanoseconds + (remoteTransmit - localReceive.Time).Nanoseconds) / 2)
            + _options.OffsetCorrection;
        SystemTime sampleTime = localTransmit.Time + new TimeInterval(localInterval.Nanoseconds / 2);

        TimeInterval errorFloor = precision;
        if (localTransmit.Error > errorFloor)
        {
            errorFloor = localTransmit.Error;
        }

        if (localReceive.Error > errorFloor)
        {
            errorFloor = localReceive.Error;
        }

        TimeInterval dispersion = errorFloor + new TimeInterval((long)(Math.Abs((double)localInterval.Nanoseconds) * _skewPpm * 1e-6));

        sample = new SourceSample(
            sampleTime,
            offset,
            delay,
            dispersion,
            packetRootDelay + delay,
            packetRootDispersion + dispersion,
            header.Stratum,
            header.Leap,
            localTransmit.Source,
            localReceive.Source,
            interleaved);
        LastResponseTime = responseTime;

        if (delay - dispersion > _options.MaxDelay || precision > _options.MaxDelay)
        {
            return ResponseOutcome.DelayTooLarge;
        }

        if (responseTime > MaxServerInterval)
        {
            return ResponseOutcome.ResponseTimeTooLong;
        }

        if (interleaved && !_hasPrevLocalTx)
        {
            return ResponseOutcome.InterleavedAfterBasic;
        }

        if (LocalReferenceId is uint ourRefId && header.Stratum > 1 && header.ReferenceId == ourRefId)
        {
            return ResponseOutcome.SynchronizationLoop;
        }

        return ResponseOutcome.GoodSample;
    }

    private void CountBurstSample(SystemTime now)
    {
        if (!InBurst)
        {
            return;
        }

        _burstGoodLeft--;
        if (_burstGoodLeft == 0)
        {
            // Enough good samples: back to the normal poll, counted from the last request.
            _burstTotalLeft = 0;
            ArmTimer(ExchangeTimer.Transmit, (_lastTransmitTime + PollInterval(_poll.Poll)) - now);
        }
    }

    private void HandleKissOfDeath(uint code, SavedResponseRelease release)
    {
        if (code == KissCode.Rate)
        {
            // A valid response already waiting for its TX stamp is still a good measurement.
            ReleaseSaved(SavedResponseRelease.SecondResponse);

            // Back off: a longer poll, no burst, and the next request pushed 4 poll intervals out.
            _burstGoodLeft = 0;
            _burstTotalLeft = 0;
            _poll.SetPoll(_poll.Poll + 1);
            _validRx = true;
            Reject(ResponseOutcome.KissRate, release);
            if (_socketOpen)
            {
                CloseSocketDecision();
            }

            ArmTimer(ExchangeTimer.Transmit, new TimeInterval(4 * PollInterval(_poll.Poll).Nanoseconds));
            return;
        }

        Activity = SourceActivity.Demobilized;
        Reject(ResponseOutcome.KissDenied, release);
        StopEverything();
        _actions.Add(new ExchangeAction(ExchangeActionKind.Demobilize));
    }

    /// <summary>2^exponent seconds as an interval (precision fields are log2 seconds).</summary>
    public static TimeInterval Log2ToInterval(int exponent)
    {
        if (exponent >= 0)
        {
            return new TimeInterval(1_000_000_000L << Math.Min(exponent, 32));
        }

        int shift = -exponent;
        return shift > 62 ? TimeInterval.Zero : new TimeInterval((1_000_000_000L + ((1L << shift) >> 1)) >> shift);
    }
}
