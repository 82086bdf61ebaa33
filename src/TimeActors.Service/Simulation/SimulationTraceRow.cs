namespace TimeActors.Service.Simulation;

/// <summary>The clock at one simulated second: what the CSV and the plot show.</summary>
/// <param name="TimeSeconds">True time since the start.</param>
/// <param name="OffsetSeconds">Clock minus true UTC.</param>
/// <param name="FrequencyErrorPpm">Clock rate minus 1, ppm.</param>
/// <param name="PollLog2">log2 of the interval between the last two requests to the first server (null before the second).</param>
public readonly record struct SimulationTraceRow(double TimeSeconds, double OffsetSeconds, double FrequencyErrorPpm, int? PollLog2);
