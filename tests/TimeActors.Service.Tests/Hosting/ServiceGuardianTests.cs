using TimeActors.Actors;
using TimeActors.Actors.TestKit;
using TimeActors.Service.Hosting;
using TimeActors.Service.Messages;
using TimeActors.Service.Status;
using TimeActors.Timing.Selection;
using TimeActors.Timing.Wire;

namespace TimeActors.Service.Tests.Hosting;

/// <summary>The guardian creates children from specs, hands them their predecessors, restarts them, and gathers status.</summary>
public sealed class ServiceGuardianTests : TestKit
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromMilliseconds(300);

    /// <summary>Answers GetStatus with a fixed reply; "crash" makes it throw; "who" reports the refs it was given.</summary>
    private sealed class Child : ReceiveActor
    {
        public Child(object? reply, IReadOnlyDictionary<string, IActorRef> given, IActorRef observer)
        {
            observer.Tell(("started", Self.Path.Name, given.Keys.Order(StringComparer.Ordinal).ToArray()), Self);
            Receive<GetStatus>(_ =>
            {
                if (reply is not null)
                {
                    Sender?.Tell(reply, Self);
                }
            });
            Receive<string>(s => s == "crash", _ => throw new InvalidOperationException("child crashed on purpose"));
        }
    }

    private ServiceChildSpec Spec(string name, ServiceChildRole role, object? reply) =>
        new(name, role, given => Props.Create(() => new Child(reply, new Dictionary<string, IActorRef>(given), TestActor)));

    private static SourceReport Source(string name, SourceSelectionState state) =>
        new(name, $"{name}:123", state, 0xFF, 6, 0.001, 0.002, 8, false, default, default, default);

    [Fact]
    public void Without_children_status_is_unsynchronised_with_no_sources()
    {
        var guardian = ActorOf(ServiceGuardian.Props([], "observe", AskTimeout));
        guardian.Tell(GetStatus.Instance, TestActor);
        var status = ExpectMsg<ServiceStatus>();
        Assert.Equal(TrackingReport.Unsynchronized("observe"), status.Tracking);
        Assert.Empty(status.Sources);
        Assert.Equal(ServerReport.Empty, status.Server);
    }

    [Fact]
    public void Children_are_created_in_role_order_each_given_the_ones_before_it()
    {
        var composition = new ServiceComposition([new Factory([
            Spec("server-0", ServiceChildRole.Server, null),
            Spec("source-a", ServiceChildRole.Source, null),
            Spec("clock", ServiceChildRole.Clock, null),
            Spec("if-eth0", ServiceChildRole.Interface, null),
        ])]);
        ActorOf(ServiceGuardian.Props([.. composition.CreateChildren(null!)], "observe", AskTimeout));
        // Constructors run concurrently, so arrival order means nothing; what each child was given shows the creation order.
        var given = Enumerable.Range(0, 4).Select(_ => ExpectMsg<(string Event, string Name, string[] Given)>()).ToDictionary(m => m.Name, m => string.Join(",", m.Given));
        Assert.Equal("", given["if-eth0"]);
        Assert.Equal("if-eth0", given["clock"]);
        Assert.Equal("clock,if-eth0", given["source-a"]);
        Assert.Equal("clock,if-eth0,source-a", given["server-0"]);
    }

    [Fact]
    public void Duplicate_child_names_are_refused_by_the_composition()
    {
        var composition = new ServiceComposition([new Factory([Spec("a", ServiceChildRole.Source, null), Spec("a", ServiceChildRole.Server, null)])]);
        Assert.Contains("`a`", Assert.Throws<InvalidOperationException>(() => composition.CreateChildren(null!).ToList()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_gathers_tracking_sources_with_clock_states_and_summed_servers_leaving_out_silent_children()
    {
        var tracking = new TrackingReport(true, "a", 0x0A000001, 2, 1e-6, 3.5, 1e-6, 1e-4, 1e-3, LeapIndicator.NoWarning, "observe");
        var clockView = new ServiceStatus(tracking, [Source("a", SourceSelectionState.Selected), Source("b", SourceSelectionState.Falseticker)], ServerReport.Empty);
        var specs = new[]
        {
            Spec("clock", ServiceChildRole.Clock, clockView),
            Spec("source-a", ServiceChildRole.Source, Source("a", SourceSelectionState.Unusable)),
            Spec("source-b", ServiceChildRole.Source, Source("b", SourceSelectionState.Unusable)),
            Spec("pool", ServiceChildRole.Source, new[] { Source("p1", SourceSelectionState.Unreachable), Source("p2", SourceSelectionState.Unreachable) }),
            Spec("silent", ServiceChildRole.Source, null),
            Spec("server-0", ServiceChildRole.Server, new ServerReport(10, 9, 1, 1, 0, 0, new TimestampCounts(0, 10, 0), new TimestampCounts(0, 9, 0))),
            Spec("server-1", ServiceChildRole.Server, new ServerReport(5, 4, 0, 0, 1, 2, new TimestampCounts(5, 0, 0), new TimestampCounts(4, 0, 0))),
        };
        var guardian = ActorOf(ServiceGuardian.Props(specs, "observe", AskTimeout));
        ReceiveN(specs.Length);
        guardian.Tell(GetStatus.Instance, TestActor);
        var status = ExpectMsg<ServiceStatus>();
        Assert.Equal(tracking, status.Tracking);
        Assert.Equal(
            [("a", SourceSelectionState.Selected), ("b", SourceSelectionState.Falseticker), ("p1", SourceSelectionState.Unreachable), ("p2", SourceSelectionState.Unreachable)],
            status.Sources.Select(s => (s.Name, s.State)));
        Assert.Equal(new ServerReport(15, 13, 1, 1, 1, 2, new TimestampCounts(5, 10, 0), new TimestampCounts(4, 9, 0)), status.Server);
    }

    [Fact]
    public void A_crashed_child_is_restarted_logged_and_answers_again()
    {
        var guardian = ActorOf(ServiceGuardian.Props([Spec("source-a", ServiceChildRole.Source, Source("a", SourceSelectionState.Combined))], "control", AskTimeout));
        Assert.Equal("source-a", ExpectMsg<(string, string Name, string[])>().Name);
        var child = LastSender!;
        child.Tell("crash", TestActor);

        // The constructor runs again on restart, under the same name.
        Assert.Equal("source-a", ExpectMsg<(string, string Name, string[])>().Name);
        ExpectLog(Microsoft.Extensions.Logging.LogLevel.Error, "child crashed on purpose");
        guardian.Tell(GetStatus.Instance, TestActor);
        Assert.Equal("a", Assert.Single(ExpectMsg<ServiceStatus>().Sources).Name);
    }

    private sealed record AskClock;

    private sealed record ClockAnswer(TrackingReport Tracking);

    [Fact]
    public void A_child_can_be_asked_its_own_query_with_its_reply_mapped_or_not_asked_at_all()
    {
        var tracking = TrackingReport.Unsynchronized("control") with { Stratum = 5 };
        var clock = new ServiceChildSpec("clock", ServiceChildRole.Clock, given => Props.Create(() => new QueryAnswerer(new ClockAnswer(tracking))))
        {
            StatusQuery = new AskClock(),
            MapStatusReply = reply => ((ClockAnswer)reply).Tracking,
        };
        var mute = Spec("if-eth0", ServiceChildRole.Interface, Source("never", SourceSelectionState.Selected)) with { StatusQuery = null };
        var guardian = ActorOf(ServiceGuardian.Props([mute, clock], "control", AskTimeout));
        ExpectMsg<(string, string, string[])>();
        guardian.Tell(GetStatus.Instance, TestActor);
        var status = ExpectMsg<ServiceStatus>();
        Assert.Equal(5, status.Tracking.Stratum);
        Assert.Empty(status.Sources);
    }

    /// <summary>Answers only <see cref="AskClock"/>, as an actor with its own status message would.</summary>
    private sealed class QueryAnswerer : ReceiveActor
    {
        public QueryAnswerer(object answer)
        {
            Receive<AskClock>(_ => Sender?.Tell(answer, Self));
        }
    }

    private sealed class Factory(IReadOnlyList<ServiceChildSpec> specs) : IServiceActorFactory
    {
        public IEnumerable<ServiceChildSpec> CreateChildren(Service.Settings.TimeActorsSettings settings) => specs;
    }
}
