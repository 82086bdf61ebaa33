namespace TimeActors.Service.Network;

/// <summary>A PHC poller's state, for logs and reports (answer to <see cref="PhcPoller.GetPhcStatus"/>).</summary>
/// <param name="Valid">Whether hardware stamps are being converted (else kernel stamps are used).</param>
/// <param name="Samples">Samples in the model.</param>
/// <param name="Resets">Times the model was dropped (PHC jump, inconsistent samples).</param>
/// <param name="Polls">PHC reads attempted.</param>
/// <param name="FailedPolls">Reads that returned nothing.</param>
/// <param name="LinkSpeedMbps">Link speed used for the RX transposition, 0 if unknown.</param>
public sealed record PhcStatus(string Name, bool Valid, int Samples, int Resets, long Polls, long FailedPolls, int LinkSpeedMbps);
