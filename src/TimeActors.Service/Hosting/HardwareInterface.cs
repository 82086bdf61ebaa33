using TimeActors.Service.Network;

namespace TimeActors.Service.Hosting;

/// <summary>
/// An interface with hardware timestamping on: its PHC model and reader for the interface actor and
/// port, and the PHC device, to dispose only after the interface actor has stopped.
/// </summary>
public sealed record HardwareInterface(string Name, PhcPolling Polling, IDisposable? Clock);
