namespace TimeActors.Simulation;

/// <summary>
/// The path between the client and a server (clknetsim's network.cc): each packet's one-way delay is
/// drawn independently as base + f·jitter·Exp(1), with f = 1 − 2a client→server and 1 + 2a back
/// (a = <see cref="Asymmetry"/>), and the packet is lost with probability <see cref="Loss"/>.
/// Independent delays reorder packets on their own; there is no queueing model.
/// </summary>
public sealed record LinkOptions
{
    /// <summary>Minimum one-way delay, seconds.</summary>
    public double BaseDelaySeconds { get; init; } = 100e-6;

    /// <summary>Mean of the exponential part of the one-way delay, seconds.</summary>
    public double JitterSeconds { get; init; } = 100e-6;

    /// <summary>clknetsim's jitter_asymmetry, in (−0.5, 0.5): positive makes the way back slower.</summary>
    public double Asymmetry { get; init; }

    /// <summary>Probability that a packet is dropped, each direction independently.</summary>
    public double Loss { get; init; }

    public void Validate()
    {
        if (BaseDelaySeconds < 0 || !double.IsFinite(BaseDelaySeconds))
            throw new ArgumentOutOfRangeException(nameof(BaseDelaySeconds), BaseDelaySeconds, "must be 0 or more");
        if (JitterSeconds < 0 || !double.IsFinite(JitterSeconds))
            throw new ArgumentOutOfRangeException(nameof(JitterSeconds), JitterSeconds, "must be 0 or more");
        if (Asymmetry is <= -0.5 or >= 0.5)
            throw new ArgumentOutOfRangeException(nameof(Asymmetry), Asymmetry, "must be within (-0.5, 0.5)");
        if (Loss is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(Loss), Loss, "must be within [0, 1)");
    }
}
