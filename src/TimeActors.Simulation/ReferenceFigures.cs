namespace TimeActors.Simulation;

/// <summary>Another implementation's figures in the same world (chrony in clknetsim), to print beside ours.</summary>
/// <param name="SyncTimeSeconds">Sync time, seconds.</param>
/// <param name="MaxOffsetSeconds">Max |offset| after the statistics start, seconds.</param>
/// <param name="RmsOffsetSeconds">RMS offset, seconds.</param>
/// <param name="MaxFrequencyPpm">Max |frequency error|, ppm.</param>
/// <param name="RmsFrequencyPpm">RMS frequency error, ppm.</param>
public sealed record ReferenceFigures(double? SyncTimeSeconds, double? MaxOffsetSeconds, double? RmsOffsetSeconds, double? MaxFrequencyPpm, double? RmsFrequencyPpm);
