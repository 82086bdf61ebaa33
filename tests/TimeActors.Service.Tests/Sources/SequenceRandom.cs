using TimeActors.Timing.Exchange;

namespace TimeActors.Service.Tests.Sources;

/// <summary>Deterministic nonces for reproducible exchanges.</summary>
internal sealed class SequenceRandom(ulong seed = 0x1234_5678_9ABC_DEF0) : IRandomSource
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        // splitmix64: distinct, well-spread values from a counter.
        ulong z = _state += 0x9E37_79B9_7F4A_7C15;
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EB;
        return z ^ (z >> 31);
    }
}
