using TimeActors.Service.Network;
using TimeActors.Timing.Exchange;

namespace TimeActors.Service.Sources;

/// <summary>
/// Event stream, source → every source of the same interface (<c>hwts-timeout = auto</c>): what became
/// of one request's hardware TX stamp on <paramref name="Interface"/>. Each source feeds the outcomes
/// of its own interface (matched by reference: one <see cref="InterfaceSockets"/> per interface) into
/// its own learner, so all sources of an interface learn from all their stamps without sharing state.
/// </summary>
public sealed record TxStampLatencyObserved(InterfaceSockets Interface, TxStampOutcome Outcome);
