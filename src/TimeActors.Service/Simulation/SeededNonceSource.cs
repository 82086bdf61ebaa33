using TimeActors.Simulation;
using TimeActors.Timing.Exchange;

namespace TimeActors.Service.Simulation;

/// <summary>Request nonces from the run's seed, so a run is reproducible to the bit (no attacker in a simulated world).</summary>
public sealed class SeededNonceSource(SimRandom random) : IRandomSource
{
    private readonly object _gate = new();

    public ulong NextUInt64()
    {
        lock (_gate)
        {
            return random.NextUInt64();
        }
    }
}
