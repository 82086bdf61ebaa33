using TimeActors.Service.Status;

namespace TimeActors.Service.Telemetry;

/// <summary>
/// What the observable instruments read: the service's last status (one consistent snapshot from the
/// guardian) and the clock update interval seen on the event stream. Replaced whole, never changed.
/// </summary>
/// <param name="Status">Tracking, sources (with selection states) and server counters.</param>
/// <param name="UpdateIntervalSeconds">Time between the last two clock updates; null before the second.</param>
public sealed record TelemetrySnapshot(ServiceStatus Status, double? UpdateIntervalSeconds);
