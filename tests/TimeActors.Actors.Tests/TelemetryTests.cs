using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace TimeActors.Actors.Tests;

public sealed class TelemetryTests : TestKit.TestKit
{
    private readonly ConcurrentBag<(string Instrument, double Value, string? ActorType)> _measurements = [];
    private readonly MeterListener _listener = new();

    public TelemetryTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, Sys.Metrics.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    [Fact]
    public void Messages_processed_and_processing_time_are_recorded_per_actor_type()
    {
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()));
        for (var i = 0; i < 5; i++)
        {
            echo.Tell(i);
            ExpectMsg(i);
        }

        AwaitAssert(() => Assert.Equal(5, Sum("timeactors.actor.messages.processed", nameof(EchoActor))));
        Assert.Equal(5, _measurements.Count(m => m.Instrument == "timeactors.actor.message.processing.duration" && m.ActorType == nameof(EchoActor)));
    }

    [Fact]
    public void Restarts_stops_unhandled_and_dead_letters_are_counted()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(probe, () => 0)));
        probe.ExpectMsg("preStart:0");
        actor.Tell("fail");
        probe.ExpectMsg<string>();
        var onlyStrings = Sys.ActorOf(Props.Create(() => new StringsOnly()));
        onlyStrings.Tell(1);
        onlyStrings.Tell(new Identify("processed"));
        ExpectMsg<ActorIdentity>(); // the unhandled 1 was processed before the stop below
        Watch(onlyStrings);
        Sys.Stop(onlyStrings);
        ExpectTerminated(onlyStrings);
        onlyStrings.Tell("late");

        AwaitAssert(() =>
        {
            Assert.Equal(1, Sum("timeactors.actor.restarts", nameof(LifecycleActor)));
            Assert.Equal(1, Sum("timeactors.actor.unhandled", nameof(StringsOnly)));
            Assert.Equal(1, Sum("timeactors.actor.stops", nameof(StringsOnly)));
            Assert.Equal(1, Sum("timeactors.actor.dead_letters", nameof(StringsOnly)));
        });
    }

    [Fact]
    public void Mailbox_depth_and_live_actors_are_observed_per_type_with_bounded_labels()
    {
        var gate = new ManualResetEventSlim();
        var blockers = Enumerable.Range(0, 3).Select(_ => Sys.ActorOf(Props.Create(() => new Blocking(gate)))).ToList();
        foreach (var blocker in blockers)
        {
            blocker.Tell("block");
            ExpectMsg("blocking");
            blocker.Tell("queued-1");
            blocker.Tell("queued-2");
        }

        _listener.RecordObservableInstruments();
        gate.Set();

        Assert.Equal(6, Sum("timeactors.actor.mailbox.depth", nameof(Blocking)));
        Assert.Equal(3, Sum("timeactors.actor.live", nameof(Blocking)));
        Assert.All(_measurements, m => Assert.NotNull(m.ActorType));
    }

    protected override void Dispose(bool disposing)
    {
        _listener.Dispose();
        base.Dispose(disposing);
    }

    private double Sum(string instrument, string actorType) =>
        _measurements.Where(m => m.Instrument == instrument && m.ActorType == actorType).Sum(m => m.Value);

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? actorType = null;
        foreach (var tag in tags)
        {
            if (tag.Key == ActorMetrics.ActorTypeTag)
            {
                actorType = tag.Value as string;
            }
        }

        _measurements.Add((instrument.Name, value, actorType));
    }

    private sealed class StringsOnly : ReceiveActor
    {
        public StringsOnly() => Receive<string>(_ => { });
    }

    private sealed class Blocking : ReceiveActor
    {
        public Blocking(ManualResetEventSlim gate)
        {
            Receive<string>(s => s == "block", _ =>
            {
                Sender?.Tell("blocking", Self);
                gate.Wait(TimeSpan.FromSeconds(5));
            });
            ReceiveAny(_ => { });
        }
    }
}
