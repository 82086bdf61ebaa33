using System.Diagnostics;
using System.Diagnostics.Metrics;
using TimeActors.Actors;

namespace TimeActors.Service.Cli;

/// <summary>
/// `timeactors demo`: one simulated hour of a poller actor in virtual time, with a supervised crash and
/// restart, then the kernel's own metrics. It shows the actor kernel the service is built on, in well
/// under a second, with no network and no privileges. (The simulated time service replaces it.)
/// </summary>
public static class KernelDemo
{
    public static int Run(TextWriter output)
    {
        var wall = Stopwatch.StartNew();
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        using var system = ActorSystem.Create("demo", new ActorSystemSettings { UseVirtualTime = true });
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, system.Metrics.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (counts)
            {
                counts[instrument.Name] = counts.GetValueOrDefault(instrument.Name) + value;
            }
        });
        listener.Start();

        var collector = system.ActorOf(Props.Create(() => new Collector(output)), "collector");
        system.ActorOf(Props.Create(() => new Poller(collector)), "poller");
        var scheduler = (VirtualScheduler)system.Scheduler;
        scheduler.Advance(TimeSpan.FromHours(1));
        var summary = collector.Ask<string>("summary", TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();

        output.WriteLine(summary);
        output.WriteLine($"virtual time advanced {TimeSpan.FromHours(1)} in {wall.Elapsed.TotalMilliseconds:F0} ms of wall time");
        lock (counts)
        {
            foreach (var (name, value) in counts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                output.WriteLine($"  {name} = {value}");
            }
        }

        return 0;
    }

    /// <summary>Polls every 64 s (minpoll 6) and crashes on its 10th poll to show supervision.</summary>
    private sealed class Poller : ReceiveActor, IWithTimers
    {
        private int _polls;

        public Poller(IActorRef collector)
        {
            Receive<string>(s => s == "poll", _ =>
            {
                _polls++;
                if (_polls == 10 && !Restarted)
                {
                    throw new InvalidOperationException("simulated crash on poll 10");
                }

                collector.Tell(Context.System.Scheduler.MonotonicClock, Self);
            });
        }

        public ITimerScheduler Timers { get; set; } = null!;

        private static bool Restarted { get; set; }

        protected override void PreStart() => Timers.StartPeriodicTimer("poll", "poll", TimeSpan.FromSeconds(64));

        protected override void PostRestart(Exception reason)
        {
            Restarted = true;
            base.PostRestart(reason);
        }
    }

    private sealed class Collector : ReceiveActor
    {
        private readonly List<TimeSpan> _polls = [];

        public Collector(TextWriter output)
        {
            Receive<TimeSpan>(t =>
            {
                _polls.Add(t);
                if (_polls.Count <= 3)
                {
                    output.WriteLine($"poll at t={t.TotalSeconds:F0} s");
                }
            });
            Receive<string>(s => s == "summary", _ => Sender?.Tell(
                $"{_polls.Count} polls collected in one virtual hour (the poller crashed once and was restarted by its supervisor); last at t={_polls[^1].TotalSeconds:F0} s",
                Self));
        }
    }
}
