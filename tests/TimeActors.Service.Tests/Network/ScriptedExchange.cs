namespace TimeActors.Service.Tests.Network;

/// <summary>
/// What the scripted server does with one request: answer after <see cref="ResponseDelay"/> (null:
/// never), deliver the request's hardware TX stamp to the client after <see cref="HardwareTxLatency"/>
/// (null: never), and answer with a kiss-o'-death code instead of time when <see cref="KissCode"/> is set.
/// </summary>
public sealed record ScriptedExchange(TimeSpan? ResponseDelay, TimeSpan? HardwareTxLatency = null, uint? KissCode = null);
