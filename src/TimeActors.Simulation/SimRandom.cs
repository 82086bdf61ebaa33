namespace TimeActors.Simulation;

/// <summary>
/// A seeded pseudo-random stream (xoshiro256**, seeded through SplitMix64). Every generator of the
/// world (each link direction, each oscillator, each NIC) gets its own stream forked by name, as
/// clknetsim gives every generator its own state: adding a consumer to one does not shift the
/// numbers another sees, and the same seed gives the same world.
/// </summary>
public sealed class SimRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double? _spareNormal;

    public SimRandom(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
        Seed = seed;
    }

    public ulong Seed { get; }

    /// <summary>An independent stream for the generator called <paramref name="name"/> (stable across runs and platforms).</summary>
    public SimRandom Fork(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        // FNV-1a: string.GetHashCode is randomised per process, which would break reproducibility.
        ulong hash = 14695981039346656037UL;
        foreach (char c in name)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        ulong x = Seed ^ hash;
        return new SimRandom(SplitMix(ref x));
    }

    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in (0, 1): never 0, so −ln U is finite.</summary>
    public double Uniform() => ((NextUInt64() >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double Uniform(double min, double max) => min + ((max - min) * Uniform());

    /// <summary>Standard normal by the Marsaglia polar method (as clknetsim's generator).</summary>
    public double Normal()
    {
        if (_spareNormal is { } spare)
        {
            _spareNormal = null;
            return spare;
        }

        double u, v, s;
        do
        {
            u = (2 * Uniform()) - 1;
            v = (2 * Uniform()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        double factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareNormal = v * factor;
        return u * factor;
    }

    /// <summary>Exponential with mean 1 (−ln U).</summary>
    public double Exponential() => -Math.Log(Uniform());

    /// <summary>Poisson with mean <paramref name="lambda"/> (Knuth; small means only).</summary>
    public int Poisson(double lambda)
    {
        double limit = Math.Exp(-lambda);
        double p = Uniform();
        int k = 0;
        while (p > limit)
        {
            p *= Uniform();
            k++;
        }

        return k;
    }

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => p > 0 && Uniform() < p;

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
