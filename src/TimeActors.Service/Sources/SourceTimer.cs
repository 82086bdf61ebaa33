using TimeActors.Timing.Exchange;

namespace TimeActors.Service.Sources;

/// <summary>A source actor's timer message: which exchange timer fired, with the token the exchange gave it.</summary>
public sealed record SourceTimer(ExchangeTimer Timer, ulong Token);
