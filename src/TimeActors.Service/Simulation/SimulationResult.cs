using TimeActors.Service.Status;
using TimeActors.Simulation;

namespace TimeActors.Service.Simulation;

/// <summary>One run's figures (clknetsim's definitions, <see cref="ClockStatistics"/>) and what the service reported.</summary>
public sealed record SimulationResult
{
    public required string Scenario { get; init; }

    public required ulong Seed { get; init; }

    public required double DurationSeconds { get; init; }

    public required double StatsFromSeconds { get; init; }

    /// <summary>1 + the last second the clock was beyond the offset or frequency limit (0: never).</summary>
    public required double SyncTimeSeconds { get; init; }

    public required double MaxOffsetSeconds { get; init; }

    public required double RmsOffsetSeconds { get; init; }

    public required double MaxFrequencyPpm { get; init; }

    public required double RmsFrequencyPpm { get; init; }

    /// <summary>Samples the sources produced (one TX stamp each).</summary>
    public required long Samples { get; init; }

    /// <summary>TX stamps of those samples by kind, over all sources.</summary>
    public required TimestampCounts TxStamps { get; init; }

    /// <summary>Saved-response outcomes over all sources.</summary>
    public required SavedResponseCounts SavedResponses { get; init; }

    public required double WallTimeSeconds { get; init; }

    /// <summary>Clock steps (ADJ_SETOFFSET) and kernel-applied leap seconds, in order.</summary>
    public required IReadOnlyList<ClockStepRecord> Steps { get; init; }

    /// <summary>At the end: the clock minus true leap-free time (−1 s more per inserted leap second).</summary>
    public required double FinalOffsetFromLeapFreeSeconds { get; init; }

    /// <summary>Sources the clock actor ever selected.</summary>
    public required IReadOnlyList<string> EverSelected { get; init; }

    /// <summary>The service's own view at the end.</summary>
    public required ServiceStatus? Status { get; init; }

    /// <summary>chrony's figures in this scenario, from the scenario file; null when it has none.</summary>
    public ReferenceFigures? Chrony { get; init; }

    /// <summary>One row per simulated second.</summary>
    public required IReadOnlyList<SimulationTraceRow> Trace { get; init; }
}
