using BenchmarkDotNet.Attributes;
using TimeActors.Timing.Selection;
using TimeActors.Timing.Sources;
using TimeActors.Timing.Statistics;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Benchmarks.TimingStats;

/// <summary>
/// Cost of what happens per accepted sample: the delay filter, the regression over a full register
/// (64 samples plus history), and one selection round over four sources. Run:
/// <c>dotnet run -c Release --project tests/TimeActors.Benchmarks -- --filter '*SourceStatistics*' --job short --memory</c>.
/// </summary>
[MemoryDiagnoser]
public class SourceStatisticsBenchmarks
{
    private const int Samples = 1024;

    private readonly SourceSample[] _samples = new SourceSample[Samples];
    private readonly SampleFilter _filter = new(SampleFilterSettings.Default, SourceStatisticsSettings.Default);
    private SourceStatistics _stats = null!;
    private SelectionCandidate[] _candidates = null!;
    private SystemTime _now;
    private int _next;
    private long _shiftNs;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var epoch = 1_800_000_000L * 1_000_000_000L;
        for (var i = 0; i < Samples; i++)
        {
            var noise = (random.NextDouble() - 0.5) * 40e-6;
            var delay = TimeInterval.FromMicroseconds(300 + random.Next(200));
            _samples[i] = new SourceSample(new SystemTime(epoch + i * 64_000_000_000L), TimeInterval.FromSeconds(0.001 - 5e-6 * i * 64 + noise),
                delay, TimeInterval.FromMicroseconds(5), delay, TimeInterval.FromMicroseconds(50), 2, LeapIndicator.NoWarning,
                TimestampSource.Kernel, TimestampSource.Kernel, false);
        }

        _stats = new SourceStatistics();
        for (var i = 0; i < 100; i++)
            _stats.Accumulate(_samples[i]);

        var sources = new SourceStatistics[4];
        for (var s = 0; s < sources.Length; s++)
        {
            sources[s] = new SourceStatistics();
            for (var i = 0; i < 64; i++)
                sources[s].Accumulate(_samples[i] with { Offset = _samples[i].Offset + TimeInterval.FromMicroseconds(30 * s) });
        }

        _now = _samples[63].LocalTime + TimeInterval.FromSeconds(10);
        _candidates = sources.Select((st, s) => new SelectionCandidate(s, true, false, st.GetSelectionData(_now))).ToArray();
    }

    [Benchmark]
    public SampleVerdict FilterThenAccumulate()
    {
        // Replays the timeline shifted forward each lap so samples stay in order.
        var sample = _samples[_next];
        if (++_next == Samples)
        {
            _next = 0;
            _shiftNs += Samples * 64_000_000_000L;
        }

        sample = sample with
        {
            LocalTime = new SystemTime(sample.LocalTime.UnixNanoseconds + _shiftNs),
            Offset = sample.Offset - TimeInterval.FromSeconds(5e-6 * _shiftNs / 1e9),
        };
        var verdict = _filter.Evaluate(sample, _stats);
        _stats.Accumulate(sample);
        return verdict;
    }

    [Benchmark]
    public SelectionResult SelectAndCombineFourSources() => SourceSelector.Select(_candidates, _now, 0);
}
