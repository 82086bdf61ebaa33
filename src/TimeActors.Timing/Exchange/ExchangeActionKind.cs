namespace TimeActors.Timing.Exchange;

/// <summary>What the actor around a <see cref="ClientExchange"/> must do, in the order returned.</summary>
public enum ExchangeActionKind
{
    /// <summary>Open a new client socket for the request about to be sent.</summary>
    OpenSocket,

    /// <summary>Close the per-request client socket (late TX stamps for it are lost from now on).</summary>
    CloseSocket,

    /// <summary>Send the first <see cref="ExchangeAction.RequestLength"/> bytes of the request buffer.</summary>
    SendRequest,

    /// <summary>Arm (or re-arm) <see cref="ExchangeAction.Timer"/> to fire after <see cref="ExchangeAction.Delay"/>, reporting <see cref="ExchangeAction.TimerToken"/>.</summary>
    ArmTimer,

    /// <summary>Cancel <see cref="ExchangeAction.Timer"/>.</summary>
    CancelTimer,

    /// <summary>A valid response was saved to wait for the request's hardware TX stamp.</summary>
    ResponseSaved,

    /// <summary>A good sample for source statistics: <see cref="ExchangeAction.Sample"/>.</summary>
    ProcessSample,

    /// <summary>A response gave no sample; <see cref="ExchangeAction.Outcome"/> says why.</summary>
    ResponseRejected,

    /// <summary>A saved response was dropped unprocessed (socket closed or source offline).</summary>
    SavedResponseDiscarded,

    /// <summary>The server sent KoD DENY or RSTR: stop using this source.</summary>
    Demobilize,
}
