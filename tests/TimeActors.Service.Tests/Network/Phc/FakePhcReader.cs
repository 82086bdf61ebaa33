using TimeActors.Actors;
using TimeActors.Timing.Hardware;
using TimeActors.Timing.Ports.Hardware;

namespace TimeActors.Service.Tests.Network.Phc;

/// <summary>
/// A PHC in virtual time: the scheduler's time is true time, the PHC runs <c>frequencyError</c> fast with
/// an offset, the system clock may be stepped. Each read gives five bracketed readings with seeded
/// jitter and records when it happened.
/// </summary>
internal sealed class FakePhcReader : IPhcReader
{
    private readonly IScheduler _scheduler;
    private readonly long _originNs;
    private readonly Random _random = new(7);
    private readonly List<TimeSpan> _reads = [];

    public FakePhcReader(IScheduler scheduler, long phcOffsetNs, double frequencyError)
    {
        _scheduler = scheduler;
        _originNs = TrueNow;
        PhcOffsetNs = phcOffsetNs;
        FrequencyError = frequencyError;
    }

    public string Name => "fake0 (/dev/ptp-fake)";

    public long PhcOffsetNs { get; }

    public double FrequencyError { get; }

    public long SystemStepNs { get; set; }

    public int LinkSpeedMbps { get; set; } = 1_000;

    public bool Failing { get; set; }

    /// <summary>Times (since the reader was made) of every read.</summary>
    public IReadOnlyList<TimeSpan> Reads
    {
        get
        {
            lock (_reads)
            {
                return [.. _reads];
            }
        }
    }

    public long TrueNow => (_scheduler.Now - DateTimeOffset.UnixEpoch).Ticks * 100;

    public long PhcAt(long trueNs) => trueNs + PhcOffsetNs + (long)Math.Round((trueNs - _originNs) * FrequencyError);

    public int Read(Span<PhcClockReading> readings)
    {
        lock (_reads)
        {
            _reads.Add(TimeSpan.FromTicks((TrueNow - _originNs) / 100));
        }

        if (Failing)
        {
            return 0;
        }

        int count = Math.Min(5, readings.Length);
        long t = TrueNow;
        for (int i = 0; i < count; i++)
        {
            long delay = 500 + _random.Next(300);
            long inside = (delay / 2) + _random.Next(-50, 51); // extended readings: the PHC read sits mid-bracket
            readings[i] = new PhcClockReading(t + SystemStepNs, PhcAt(t + inside), t + delay + SystemStepNs);
            t += delay + 100;
        }

        return count;
    }

    public int ReadLinkSpeedMbps() => LinkSpeedMbps;
}
