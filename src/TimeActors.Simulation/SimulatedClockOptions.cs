namespace TimeActors.Simulation;

/// <summary>The client's clock at the start of a run (clknetsim's <c>time_offset</c>, <c>freq_offset</c>, <c>wander</c>).</summary>
public sealed record SimulatedClockOptions
{
    /// <summary>How far the clock is ahead of true time at the start, seconds (0.1: 100 ms fast).</summary>
    public double InitialOffsetSeconds { get; init; } = 0.1;

    /// <summary>The oscillator's relative frequency error at the start (1e-4: 100 ppm fast).</summary>
    public double FrequencyOffset { get; init; } = 1e-4;

    /// <summary>Standard deviation of the oscillator's per-second random-walk step (relative frequency).</summary>
    public double Wander { get; init; } = 1e-9;
}
