namespace TimeActors.Simulation;

/// <summary>
/// A crystal's frequency error: an initial offset plus a random walk (clknetsim's default
/// <c>(+ freq_offset (sum (* wander (normal))))</c>): once per simulated second the error moves by
/// wander·N(0,1), so after T seconds its spread is wander·√T.
/// </summary>
public sealed class Oscillator(double frequencyOffset, double wander, SimRandom random)
{
    /// <summary>Relative frequency error (1e-4 = 100 ppm fast).</summary>
    public double FrequencyError { get; private set; } = frequencyOffset;

    /// <summary>Standard deviation of the per-second step (relative frequency).</summary>
    public double Wander { get; } = wander;

    /// <summary>One second's random-walk step.</summary>
    public void Step()
    {
        if (Wander != 0)
        {
            FrequencyError += Wander * random.Normal();
        }
    }
}
