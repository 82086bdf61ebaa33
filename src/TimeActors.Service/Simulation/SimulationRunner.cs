using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using Serilog.Events;
using TimeActors.Actors;
using TimeActors.Hosting;
using TimeActors.Service.Hosting;
using TimeActors.Service.Messages;
using TimeActors.Service.Status;
using TimeActors.Simulation;

namespace TimeActors.Service.Simulation;

/// <summary>
/// Runs the production actors (clock, interface and source actors, composed by the same factories as
/// `timeactors run`) in virtual time against the scenario's simulated world: the clock actor steers a
/// <see cref="SimulatedSystemClock"/> in control mode, the interface actors read
/// <see cref="SimulatedNetworkPort"/>s. Time advances one simulated second at a time; after each, the
/// clock is sampled (offset from true UTC, frequency error) as clknetsim does.
/// </summary>
public static class SimulationRunner
{
    /// <param name="logOutput">Where the service's log goes (stderr by default).</param>
    /// <param name="logLevel">Warning by default: a run is quiet unless something is wrong.</param>
    public static SimulationResult Run(SimulationScenario scenario, ulong seed, double? durationSeconds = null, TextWriter? logOutput = null, LogEventLevel logLevel = LogEventLevel.Warning)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var world = scenario.World;
        double duration = durationSeconds ?? world.DurationSeconds;
        var wall = Stopwatch.StartNew();

        // Raised to Fatal once the run is over: the actors stopping (sources gone, no selectable source) is not news.
        var level = new Serilog.Core.LoggingLevelSwitch(logLevel);
        var serilog = new Serilog.LoggerConfiguration()
            .MinimumLevel.ControlledBy(level)
            .WriteTo.Logger(SerilogSetup.CreateLogger(LogEventLevel.Verbose, console: logOutput ?? Console.Error))
            .CreateLogger();
        using var loggerFactory = new Serilog.Extensions.Logging.SerilogLoggerFactory(serilog, dispose: true);
        var actorSettings = scenario.Settings.Actors with
        {
            UseVirtualTime = true,

            // One thread for all actors: the same seed gives the same run, and each firing is one hand-off.
            SingleThreaded = true,
            VirtualTimeStart = world.Start,
            LoggerFactory = loggerFactory,
            TelemetryEnabled = false,
        };
        using var system = ActorSystem.Create("timeactors-simulate", actorSettings);
        var scheduler = (VirtualScheduler)system.Scheduler;
        var timeline = new SimulationTimeline(scheduler);
        var random = new SimRandom(seed);
        var clock = new SimulatedSystemClock(timeline, world.Clock, random.Fork("clock"));
        var servers = world.Servers
            .Select((s, i) => new SimulatedServer(s, timeline, new DelayModel(world.Link, random.Fork($"link-{i}")), world.Leap, random.Fork($"server-{i}")))
            .ToList();
        var nic = world.Nic is null ? null : new SimulatedNic(world.Nic, timeline, clock, random.Fork("nic"));
        var host = new SimulatedHost(timeline, scheduler, clock, servers, nic, new SeededNonceSource(random.Fork("nonces")));
        var names = world.Servers.Where(s => s.Name is not null).ToDictionary(s => s.Name!, s => IPAddress.Parse(s.Address), StringComparer.Ordinal);
        var log = loggerFactory.CreateLogger("TimeActors.Simulation");

        using var composition = new ServiceComposition(
        [
            new ClockActorFactory(_ => clock), // the simulated clock only: LinuxSystemClock is never constructed
            new NetworkActorFactory(new SourceAddressResolver(new InMemoryNameResolver(names)), log, ports: host),
        ]);
        var children = composition.CreateChildren(scenario.Settings).ToList();
        var observations = new SimulationObservations();
        system.ActorOf(TrackingRecorder.Props(observations), "simulation-recorder");
        var guardian = system.ActorOf(ServiceGuardian.Props(children, scenario.Settings.Clock.ModeName, TimeSpan.FromSeconds(5)), "service");

        var statistics = new ClockStatistics(world.StatsFromSeconds, world.MaxOffsetLimitSeconds, world.MaxFrequencyLimitPpm * 1e-6);
        var trace = new List<SimulationTraceRow>((int)Math.Min(duration, 10_000_000) + 1);
        var pollTarget = servers[0].Endpoint;
        int seconds = (int)Math.Floor(duration);
        for (int k = 1; k <= seconds; k++)
        {
            scheduler.AdvanceTo(world.Start + TimeSpan.FromSeconds(k));
            double offset = clock.OffsetAt(k) - (world.Leap?.UtcMinusTrueAt(k) ?? 0);
            if (world.Leap is { } leap && Math.Abs(k - leap.AtSeconds) <= 2)
            {
                // Around the leap the clock and UTC may be on either side of the repeated second.
                offset -= Math.Round(offset);
            }

            double frequency = clock.FrequencyErrorAt(k);
            statistics.Record(k, offset, frequency);
            trace.Add(new SimulationTraceRow(k, offset, frequency * 1e6, PollLog2(host, pollTarget)));
        }

        ServiceStatus? status = null;
        try
        {
            var ask = guardian.Ask<ServiceStatus>(GetStatus.Instance);
            if (ask.Wait(TimeSpan.FromSeconds(10)))
            {
                status = ask.Result;
            }
        }
        catch (AggregateException e)
        {
            log.LogWarning("The service gave no status at the end of the run: {Reason}", e.InnerException?.Message);
        }

        var tx = new TimestampCounts(0, 0, 0);
        var saved = new SavedResponseCounts(0, 0, 0, 0, 0);
        foreach (var source in status?.Sources ?? [])
        {
            tx = new TimestampCounts(tx.Hardware + source.TxStamps.Hardware, tx.Kernel + source.TxStamps.Kernel, tx.Daemon + source.TxStamps.Daemon);
            var s = source.SavedResponses;
            saved = new SavedResponseCounts(
                saved.Saved + s.Saved,
                saved.ReleasedByStamp + s.ReleasedByStamp,
                saved.ReleasedByTimeout + s.ReleasedByTimeout,
                saved.ReleasedBeforeSend + s.ReleasedBeforeSend,
                saved.Discarded + s.Discarded);
        }

        double final = clock.OffsetAt(seconds);
        level.MinimumLevel = LogEventLevel.Fatal;
        system.Terminate().Wait(TimeSpan.FromSeconds(5));
        return new SimulationResult
        {
            Scenario = scenario.Name,
            Seed = seed,
            DurationSeconds = seconds,
            StatsFromSeconds = world.StatsFromSeconds,
            SyncTimeSeconds = statistics.SyncTimeSeconds,
            MaxOffsetSeconds = statistics.MaxOffsetSeconds,
            RmsOffsetSeconds = statistics.RmsOffsetSeconds,
            MaxFrequencyPpm = statistics.MaxFrequencyError * 1e6,
            RmsFrequencyPpm = statistics.RmsFrequencyError * 1e6,
            Samples = tx.Hardware + tx.Kernel + tx.Daemon,
            TxStamps = tx,
            SavedResponses = saved,
            WallTimeSeconds = wall.Elapsed.TotalSeconds,
            Steps = clock.Steps,
            FinalOffsetFromLeapFreeSeconds = final,
            EverSelected = [.. observations.EverSelected.Order(StringComparer.Ordinal)],
            Status = status,
            Trace = trace,
            Chrony = world.Chrony,
        };
    }

    private static int? PollLog2(SimulatedHost host, Timing.Ports.Network.NetworkEndpoint server)
    {
        double? last = null;
        double? previous = null;
        foreach (var port in host.Ports)
        {
            var (l, p) = port.LastTwoSends(server);
            foreach (var t in new[] { l, p })
            {
                if (t is not { } time)
                {
                    continue;
                }

                if (last is null || time > last)
                {
                    previous = last;
                    last = time;
                }
                else if (previous is null || time > previous)
                {
                    previous = time;
                }
            }
        }

        return last is { } a && previous is { } b && a > b ? (int)Math.Round(Math.Log2(a - b)) : null;
    }
}
