namespace TimeActors.LoadGen.Figures;

/// <summary>How long and how often the figures measure; the defaults take about four minutes.</summary>
public sealed record FiguresSettings
{
    public int Runs { get; init; } = 3;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Closed-loop windows tried for the maximum rate; the best counts (too wide a window overflows the server's socket buffer).</summary>
    public IReadOnlyList<int> Windows { get; init; } = [16, 64, 256, 1024];

    public int Sockets { get; init; } = 16;

    public IReadOnlyList<double> SweepFractions { get; init; } = [0.25, 0.5, 0.75, 0.9, 1.0, 1.1, 1.25];

    /// <summary>HOCON keys added inside our server's <c>server { }</c>: rate limiting off by default (the throughput test).</summary>
    public string OurServerExtra { get; init; } = "rate-limit.enabled = off";

    public int FloodAddresses { get; init; } = 100_000;

    public TimeSpan FloodDuration { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan QualityDuration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>A request unanswered for this long is lost.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Which figures beyond the maximum rate: knee, latency, quality, memory.</summary>
    public IReadOnlySet<string> Sections { get; init; } = new HashSet<string>(["knee", "latency", "quality", "memory"]);

    /// <summary>Another build's timeactors.dll to measure instead of the one next to us.</summary>
    public string? TimeActorsDll { get; init; }

    public string? JsonPath { get; init; }
}
