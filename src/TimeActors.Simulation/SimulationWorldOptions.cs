namespace TimeActors.Simulation;

/// <summary>Everything the simulated world is made of (the scenario's <c>simulation { }</c> block).</summary>
public sealed record SimulationWorldOptions
{
    /// <summary>UTC at true time 0.</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Simulated seconds to run.</summary>
    public double DurationSeconds { get; init; } = 10_000;

    /// <summary>Statistics cover the seconds after this.</summary>
    public double StatsFromSeconds { get; init; } = 210;

    /// <summary>The clock is "synchronised" while within these (sync time).</summary>
    public double MaxOffsetLimitSeconds { get; init; } = 1e-3;

    public double MaxFrequencyLimitPpm { get; init; } = 500;

    public SimulatedClockOptions Clock { get; init; } = new();

    public LinkOptions Link { get; init; } = new();

    public IReadOnlyList<SimulatedServerOptions> Servers { get; init; } = [new SimulatedServerOptions { Address = "192.0.2.1", Name = "server1" }];

    /// <summary>The client's NIC with a PHC; null: no hardware timestamping in this world.</summary>
    public SimulatedNicOptions? Nic { get; init; }

    public LeapSecondSchedule? Leap { get; init; }

    /// <summary>chrony's own figures in this world (clknetsim), printed beside ours; null when unknown.</summary>
    public ReferenceFigures? Chrony { get; init; }

    public void Validate()
    {
        if (!(DurationSeconds >= 1))
            throw new ArgumentOutOfRangeException(nameof(DurationSeconds), DurationSeconds, "at least 1 s");
        if (StatsFromSeconds < 0)
            throw new ArgumentOutOfRangeException(nameof(StatsFromSeconds), StatsFromSeconds, "must be 0 or more");
        if (Servers.Count == 0)
            throw new ArgumentException("the world needs at least one server", nameof(Servers));
        Link.Validate();
        Nic?.Validate();
    }
}
