using System.Diagnostics;
using TimeActors.Actors;

namespace TimeActors.Benchmarks.Actors;

/// <summary>
/// Percentile figures that BenchmarkDotNet's per-iteration statistics cannot give: the latency of each
/// single Tell until its Receive runs, and the lateness of each 1 ms timer of the real scheduler.
/// Run: <c>dotnet run -c Release --project tests/TimeActors.Benchmarks -- latency [runs]</c>.
/// Each run's percentiles are printed, then the median of each percentile over the runs.
/// </summary>
public static class LatencyProbe
{
    public static void Run(int runs, TextWriter output)
    {
        var tell = new List<(double P50, double P99, double Max)>();
        var timer = new List<(double P50, double P99, double Max)>();
        for (var run = 1; run <= runs; run++)
        {
            var t = Summarize(MeasureTellToReceive(20_000));
            var s = Summarize(MeasureTimerLateness(2_000));
            tell.Add(t);
            timer.Add(s);
            output.WriteLine($"run {run}: tell->receive p50 {t.P50:F1} us, p99 {t.P99:F1} us, max {t.Max:F1} us | 1 ms timer lateness p50 {s.P50:F1} us, p99 {s.P99:F1} us, max {s.Max:F1} us");
        }

        output.WriteLine($"median of {runs} runs: tell->receive p50 {Median(tell, x => x.P50):F1} us, p99 {Median(tell, x => x.P99):F1} us, max {Median(tell, x => x.Max):F1} us");
        output.WriteLine($"median of {runs} runs: 1 ms timer lateness p50 {Median(timer, x => x.P50):F1} us, p99 {Median(timer, x => x.P99):F1} us, max {Median(timer, x => x.Max):F1} us");
    }

    /// <summary>One message at a time (no queueing), so each sample is the kernel's own hand-off time.</summary>
    private static List<double> MeasureTellToReceive(int samples)
    {
        var system = ActorSystem.Create("latency", new ActorSystemSettings { TelemetryEnabled = false });
        try
        {
            var results = new List<double>(samples);
            using var received = new AutoResetEvent(false);
            var actor = system.ActorOf(Props.Create(() => new Stamper(results, received)));
            for (var i = 0; i < samples + 1000; i++)
            {
                actor.Tell(Stopwatch.GetTimestamp(), ActorRefs.NoSender);
                received.WaitOne();
            }

            return results.Skip(1000).ToList(); // warm-up
        }
        finally
        {
            system.Terminate().Wait();
        }
    }

    private static List<double> MeasureTimerLateness(int samples)
    {
        using var scheduler = new RealScheduler(ActorSystemSettings.Default.SchedulerSpinWindow);
        var results = new List<double>(samples);
        using var fired = new AutoResetEvent(false);
        for (var i = 0; i < samples + 100; i++)
        {
            var start = Stopwatch.GetTimestamp();
            scheduler.ScheduleOnce(TimeSpan.FromMilliseconds(1), () =>
            {
                results.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds - 1000);
                fired.Set();
            });
            fired.WaitOne();
        }

        return results.Skip(100).ToList();
    }

    private static (double P50, double P99, double Max) Summarize(List<double> values)
    {
        values.Sort();
        return (values[values.Count / 2], values[(int)(values.Count * 0.99)], values[^1]);
    }

    private static double Median<T>(List<T> runs, Func<T, double> pick)
    {
        var sorted = runs.Select(pick).Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private sealed class Stamper(List<double> results, AutoResetEvent received) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            results.Add(Stopwatch.GetElapsedTime((long)message).TotalMicroseconds);
            received.Set();
        }
    }
}
