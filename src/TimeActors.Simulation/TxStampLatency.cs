namespace TimeActors.Simulation;

/// <summary>
/// How long after a send a NIC's hardware TX stamp reaches the error queue: uniform (or log-uniform)
/// between <see cref="MinSeconds"/> and <see cref="MaxSeconds"/>, and with probability
/// <see cref="Never"/> not at all (a stamp the driver lost).
/// </summary>
public sealed record TxStampLatency
{
    public double MinSeconds { get; init; } = 5e-6;

    public double MaxSeconds { get; init; } = 20e-6;

    /// <summary>Probability that the stamp never arrives.</summary>
    public double Never { get; init; }

    /// <summary>Spread evenly on a log scale instead of linearly (many fast stamps, a long tail).</summary>
    public bool LogUniform { get; init; }

    /// <summary>The latency of one stamp in seconds, or null when it never arrives.</summary>
    public double? Draw(SimRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double u = random.Uniform();
        if (random.Chance(Never))
        {
            return null;
        }

        return LogUniform && MinSeconds > 0
            ? MinSeconds * Math.Pow(MaxSeconds / MinSeconds, u)
            : MinSeconds + ((MaxSeconds - MinSeconds) * u);
    }

    public void Validate()
    {
        if (MinSeconds < 0 || MaxSeconds < MinSeconds)
            throw new ArgumentOutOfRangeException(nameof(MaxSeconds), MaxSeconds, "need 0 <= min <= max");
        if (Never is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(Never), Never, "must be within [0, 1]");
    }
}
