using TimeActors.Timing.Hardware;
using TimeActors.Timing.Ports.Hardware;

namespace TimeActors.Service.Network;

/// <summary>
/// What an <see cref="InterfaceActor"/> needs to own its interface's PHC model: the model (the same
/// instance the network port converts hardware stamps with) and the reader that feeds it.
/// </summary>
public sealed record PhcPolling(PhcModel Model, IPhcReader Reader);
