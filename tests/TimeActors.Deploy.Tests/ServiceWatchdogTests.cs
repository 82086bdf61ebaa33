using Microsoft.Extensions.Logging.Abstractions;
using TimeActors.Actors;
using TimeActors.Actors.TestKit;
using TimeActors.Service.Hosting;
using TimeActors.Service.Messages;
using TimeActors.Service.Status;

namespace TimeActors.Deploy.Tests;

/// <summary>
/// The watchdog feeds systemd only while the service guardian answers: a real guardian gets a ping
/// per tick; a guardian whose thread is stuck gets none (systemd then restarts the service), and pings
/// resume once it answers again.
/// </summary>
public sealed class ServiceWatchdogTests : TestKit
{
    private static readonly TimeSpan PingInterval = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly TempDirectory _dir = DeployFiles.TempDirectory();
    private readonly NotifySocket _systemd;
    private readonly SystemdNotifier _notifier;

    public ServiceWatchdogTests()
    {
        _systemd = NotifySocket.AtPath(_dir.File("notify"));
        _notifier = SystemdNotifier.FromVariables(n => n == SystemdNotifier.NotifySocketVariable ? _systemd.Variable : null, Environment.ProcessId);
    }

    /// <summary>Stands in for a guardian whose actor thread hangs: blocks on the gate while handling GetStatus, then answers as the real one would.</summary>
    private sealed class HangingGuardian : ReceiveActor
    {
        public HangingGuardian(ManualResetEventSlim gate)
        {
            Receive<GetStatus>(_ =>
            {
                gate.Wait();
                Sender?.Tell(new ServiceStatus(TrackingReport.Unsynchronized("observe"), [], ServerReport.Empty), Self);
            });
        }
    }

    private ServiceWatchdog Watchdog(IActorRef guardian) =>
        new((timeout, ct) => guardian.Ask<ServiceStatus>(GetStatus.Instance, timeout, ct), _notifier, PingInterval, NullLogger.Instance);

    [Fact]
    public async Task An_answering_guardian_gets_a_ping_with_a_status_line_on_every_tick()
    {
        var guardian = ActorOf(ServiceGuardian.Props([], "observe", TimeSpan.FromMilliseconds(100)));
        var watchdog = Watchdog(guardian);

        Assert.True(await watchdog.TickAsync(CancellationToken.None));
        Assert.True(await watchdog.TickAsync(CancellationToken.None));

        for (var i = 0; i < 2; i++)
        {
            var message = _systemd.Next(Wait);
            Assert.NotNull(message);
            Assert.Equal(["WATCHDOG=1", "STATUS=Not synchronised, 0 of 0 sources reachable, 0 falsetickers, clock mode observe"], NotifySocket.Assignments(message));
        }

        Assert.Equal(2, watchdog.Pings);
        Assert.Equal(0, watchdog.Withheld);
    }

    [Fact]
    public async Task A_hung_guardian_gets_no_ping_until_it_answers_again()
    {
        using var gate = new ManualResetEventSlim(false);
        try
        {
            await HungThenAnswering(gate);
        }
        finally
        {
            gate.Set(); // never leave an actor thread stuck behind a failed assertion
        }
    }

    private async Task HungThenAnswering(ManualResetEventSlim gate)
    {
        var guardian = ActorOf(Props.Create(() => new HangingGuardian(gate)));
        var watchdog = Watchdog(guardian);

        // Two ticks while the guardian's thread is stuck: no WATCHDOG=1, only a STATUS= saying why.
        Assert.False(await watchdog.TickAsync(CancellationToken.None));
        Assert.False(await watchdog.TickAsync(CancellationToken.None));
        for (var i = 0; i < 2; i++)
        {
            var message = _systemd.Next(Wait);
            Assert.NotNull(message);
            var assignments = NotifySocket.Assignments(message);
            Assert.DoesNotContain("WATCHDOG=1", assignments);
            Assert.StartsWith("STATUS=Actor system not answering", Assert.Single(assignments), StringComparison.Ordinal);
        }

        Assert.Equal(0, watchdog.Pings);
        Assert.Equal(2, watchdog.Withheld);

        // Unstuck: it works off the queued questions and answers the next one in time.
        gate.Set();
        Assert.True(await watchdog.TickAsync(CancellationToken.None));
        Assert.Contains("WATCHDOG=1", NotifySocket.Assignments(_systemd.WaitFor("WATCHDOG=1", Wait)));
        Assert.Equal(1, watchdog.Pings);
    }

    [Fact]
    public async Task The_running_watchdog_pings_at_its_interval_and_stops_when_cancelled()
    {
        var guardian = ActorOf(ServiceGuardian.Props([], "observe", TimeSpan.FromMilliseconds(100)));
        var watchdog = Watchdog(guardian);
        using var stop = new CancellationTokenSource();
        var running = watchdog.RunAsync(stop.Token);

        _systemd.WaitFor("WATCHDOG=1", Wait);
        _systemd.WaitFor("WATCHDOG=1", Wait);
        await stop.CancelAsync();
        await running.WaitAsync(Wait);
        Assert.True(running.IsCompletedSuccessfully);
        Assert.True(watchdog.Pings >= 2);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _notifier.Dispose();
            _systemd.Dispose();
            _dir.Dispose();
        }
    }
}
