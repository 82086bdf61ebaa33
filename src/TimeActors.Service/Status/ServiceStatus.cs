namespace TimeActors.Service.Status;

/// <summary>Everything `timeactors status --json` prints: one consistent snapshot of the service.</summary>
public sealed record ServiceStatus(TrackingReport Tracking, IReadOnlyList<SourceReport> Sources, ServerReport Server);
