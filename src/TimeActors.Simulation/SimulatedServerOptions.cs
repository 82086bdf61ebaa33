namespace TimeActors.Simulation;

/// <summary>
/// A stratum-1 NTP server of the world (clknetsim's primary servers run <c>local stratum 1</c> on a
/// perfect clock). A falseticker is one with <see cref="OffsetSeconds"/> ≠ 0.
/// </summary>
public sealed record SimulatedServerOptions
{
    /// <summary>Its IPv4 address.</summary>
    public required string Address { get; init; }

    /// <summary>Host name the scenario's sources may use for it (resolved in memory); null: the address only.</summary>
    public string? Name { get; init; }

    public ushort Port { get; init; } = 123;

    /// <summary>Its clock minus true UTC, seconds (0: perfect).</summary>
    public double OffsetSeconds { get; init; }

    /// <summary>Hardware RX and TX stamps (interleaved answers carry the HW TX stamp); false: perfect kernel stamps.</summary>
    public bool HardwareTimestamps { get; init; }

    /// <summary>Standard deviation of the noise on each of its hardware stamps, seconds.</summary>
    public double StampJitterSeconds { get; init; }

    /// <summary>Time between its RX and TX of a response, seconds (clknetsim: 0).</summary>
    public double ProcessingSeconds { get; init; }

    /// <summary>log2 of its precision, as put in responses.</summary>
    public sbyte PrecisionLog2 { get; init; } = -25;
}
