using TimeActors.Timing.Sources;
using TimeActors.Timing.Time;

namespace TimeActors.Timing.Exchange;

/// <summary>
/// One decision of the exchange state machine for its actor to carry out. Only the fields that
/// belong to <see cref="Kind"/> are meaningful.
/// </summary>
public readonly record struct ExchangeAction(
    ExchangeActionKind Kind,
    ExchangeTimer Timer = ExchangeTimer.Transmit,
    TimeInterval Delay = default,
    ulong TimerToken = 0,
    int RequestLength = 0,
    SourceSample Sample = default,
    ResponseOutcome Outcome = ResponseOutcome.GoodSample,
    SavedResponseRelease Release = SavedResponseRelease.NotSaved)
{
    public override string ToString() => Kind switch
    {
        ExchangeActionKind.ArmTimer => $"ArmTimer({Timer}, {Delay})",
        ExchangeActionKind.CancelTimer => $"CancelTimer({Timer})",
        ExchangeActionKind.SendRequest => $"SendRequest({RequestLength})",
        ExchangeActionKind.ProcessSample => $"ProcessSample({Sample.Offset}, {Release})",
        ExchangeActionKind.ResponseRejected => $"ResponseRejected({Outcome}, {Release})",
        _ => Kind.ToString(),
    };
}
