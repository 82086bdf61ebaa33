using TimeActors.Timing.Time;

namespace TimeActors.Timing.Exchange;

/// <summary>
/// The saved-response slot (ARCHITECTURE.md §4, chrony-internals.md §2.4). Transitions:
/// <code>
/// Empty   --valid response, SavedResponseRules.ShouldSave--> Waiting   [ArmTimer(SavedResponse, hwtstimeout), ResponseSaved]
/// Waiting --hardware TX stamp accepted-------------------> Empty     [CancelTimer, process saved (no auth check)]
/// Waiting --hwtstimeout timer----------------------------> Empty     [process saved with the best TX stamp known]
/// Waiting --next transmission----------------------------> Empty     [CancelTimer, process saved, then transmit]
/// Waiting --second valid response------------------------> Empty     [CancelTimer, process saved, then the new one]
/// Waiting --KoD RATE-------------------------------------> Empty     [CancelTimer, process saved, then back off]
/// Waiting --socket closed / offline / demobilised--------> Empty     [CancelTimer, SavedResponseDiscarded]
/// Waiting --clock step or slew---------------------------> Waiting   (stored RX stamp moved by the correction)
/// </code>
/// While Waiting the request counts as unanswered, so the socket stays open for the TX stamp.
/// </summary>
public sealed partial class ClientExchange
{
    public SavedResponseState SavedState { get; private set; } = SavedResponseState.Empty;

    /// <summary>The RX stamp of the saved response (meaningful while <see cref="SavedState"/> is Waiting).</summary>
    public PacketTimestamp SavedResponseRxStamp => _savedRx;

    private void Save(ReadOnlySpan<byte> datagram, PacketTimestamp rx)
    {
        datagram.CopyTo(_savedDatagram);
        _savedLength = datagram.Length;
        _savedRx = rx;
        SavedState = SavedResponseState.Waiting;
        ArmTimer(ExchangeTimer.SavedResponse, SavedResponseTimeout);
        _actions.Add(new ExchangeAction(ExchangeActionKind.ResponseSaved));
    }

    private void ReleaseSaved(SavedResponseRelease reason)
    {
        if (SavedState != SavedResponseState.Waiting)
        {
            return;
        }

        SavedState = SavedResponseState.Empty;
        if (reason != SavedResponseRelease.Timeout)
        {
            CancelTimer(ExchangeTimer.SavedResponse);
        }

        switch (reason)
        {
            case SavedResponseRelease.HardwareTxStamp:
                SavedByHardwareStampCount++;
                break;
            case SavedResponseRelease.Timeout:
                SavedByTimeoutCount++;
                break;
            case SavedResponseRelease.NextTransmission:
                SavedByTransmissionCount++;
                break;
            default:
                SavedBySecondResponseCount++;
                break;
        }

        ProcessResponse(_savedDatagram.AsSpan(0, _savedLength), _savedRx, reason);
    }

    private void DiscardSaved()
    {
        if (SavedState != SavedResponseState.Waiting)
        {
            return;
        }

        SavedState = SavedResponseState.Empty;
        CancelTimer(ExchangeTimer.SavedResponse);
        SavedDiscardedCount++;
        _actions.Add(new ExchangeAction(ExchangeActionKind.SavedResponseDiscarded));
    }
}
