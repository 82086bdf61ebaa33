using TimeActors.Service.Status;
using TimeActors.Timing.Server;

namespace TimeActors.Service.Messages;

/// <summary>Clock actor → event stream: what servers serve and telemetry shows.</summary>
public sealed record TrackingUpdated(TrackingReport Report, ServerTrackingState ServerState);
