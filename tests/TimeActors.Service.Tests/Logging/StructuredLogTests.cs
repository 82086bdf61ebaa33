using System.Text.Json;
using Microsoft.Extensions.Logging;
using Serilog.Events;
using TimeActors.Actors;
using TimeActors.Hosting;
using TimeActors.Service.Clock;
using TimeActors.Service.Network;
using TimeActors.Service.Sources;
using TimeActors.Service.Tests.Clock;
using TimeActors.Service.Tests.Network;
using TimeActors.Service.Tests.Sources;
using TimeActors.Timing.Discipline;
using TimeActors.Timing.Exchange;
using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Service.Tests.Logging;

/// <summary>
/// The events an operator searches the log for (a step, a selection change, a falseticker, a
/// kiss-o'-death) are each one line with named properties, through the same Serilog pipeline
/// `timeactors run` uses with <c>logging.format = json</c>: the JSON lines carry Source, Address,
/// OffsetSeconds, Interface, Code as properties, not only inside the text.
/// </summary>
public sealed class StructuredLogTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2027, 3, 15, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly CapturedLog _log = new();
    private readonly ILoggerFactory _loggers;
    private readonly ActorSystem _system;

    public StructuredLogTests()
    {
        _loggers = LoggerFactory.Create(b => b.AddTimeActorsSerilog(SerilogSetup.CreateLogger(LogEventLevel.Debug, json: true, console: _log)));
        _system = ActorSystem.Create("logs", new ActorSystemSettings { UseVirtualTime = true, VirtualTimeStart = Start, LoggerFactory = _loggers });
    }

    private VirtualScheduler Scheduler => (VirtualScheduler)_system.Scheduler;

    private FakeSystemClock NewClock() => new(() => new SystemTime((Scheduler.Now - DateTimeOffset.UnixEpoch).Ticks * 100));

    private static JsonElement Properties(JsonElement e) => e.GetProperty("Properties");

    private static string Text(JsonElement e, string property) => Properties(e).GetProperty(property).GetString()!;

    private static double Number(JsonElement e, string property) => Properties(e).GetProperty(property).GetDouble();

    private int LinesStartingWith(string templateStart) =>
        _log.Events().Count(e => e.GetProperty("MessageTemplate").GetString()!.StartsWith(templateStart, StringComparison.Ordinal));

    [Fact]
    public void A_selection_change_and_a_step_are_each_one_line_with_source_address_and_offset()
    {
        var clock = NewClock();
        _system.ActorOf(ClockActor.Props(new ClockActorOptions { Mode = ClockMode.Control, StepPolicy = StepPolicy.FirstUpdates(TimeInterval.FromSeconds(0.1), 1) }, clock), "clock")
            .Tell(Updates.Make(1, clock.Now(), 0.5), ActorRefs.NoSender);

        var selected = _log.WaitFor("Selected source", Wait);
        Assert.Equal("Information", selected.GetProperty("Level").GetString());
        Assert.Equal("server1", Text(selected, "Source"));
        Assert.Equal("10.200.0.1:123", Text(selected, "Address"));
        Assert.Equal(0.5, Number(selected, "OffsetSeconds"), 9);
        Assert.Equal("none", Text(selected, "Previous"));

        var stepped = _log.WaitFor("Stepped the clock", Wait);
        Assert.Equal("Warning", stepped.GetProperty("Level").GetString());
        Assert.Equal(0.5, Number(stepped, "StepSeconds"), 9);
        Assert.Equal("server1", Text(stepped, "Source"));
        Assert.False(string.IsNullOrEmpty(Text(stepped, "Reason")));
        Assert.StartsWith("Stepped the clock by +0.500000000 s", stepped.GetProperty("RenderedMessage").GetString(), StringComparison.Ordinal);

        Assert.Equal(1, LinesStartingWith("Selected source"));
        Assert.Equal(1, LinesStartingWith("Stepped the clock"));
    }

    [Fact]
    public async Task A_falseticker_is_one_warning_with_its_source_address_offset_and_the_agreed_interval()
    {
        var clock = NewClock();
        var actor = _system.ActorOf(ClockActor.Props(new ClockActorOptions(), clock), "clock");
        var now = clock.Now();
        actor.Tell(Updates.Make(1, now, 0.001), ActorRefs.NoSender);
        actor.Tell(Updates.Make(2, now, 0.0015), ActorRefs.NoSender);
        actor.Tell(Updates.Make(3, now, 0.0005), ActorRefs.NoSender);
        actor.Tell(Updates.Make(4, now, 0.050), ActorRefs.NoSender);
        actor.Tell(Updates.Make(4, now, 0.051), ActorRefs.NoSender);
        await actor.Ask<ClockStatus>(GetClockStatus.Instance).WaitAsync(Wait); // all five handled

        var falseticker = _log.WaitFor("Source {Source} ({Address}) is a falseticker", Wait);
        Assert.Equal("Warning", falseticker.GetProperty("Level").GetString());
        Assert.Equal("server4", Text(falseticker, "Source"));
        Assert.Equal("10.200.0.4:123", Text(falseticker, "Address"));
        Assert.Equal(0.050, Number(falseticker, "OffsetSeconds"), 9);
        Assert.Equal(3, Number(falseticker, "Agreeing"));
        Assert.True(Number(falseticker, "HighSeconds") < 0.050);
        Assert.Equal(1, LinesStartingWith("Source {Source} ({Address}) is a falseticker"));
    }

    [Theory]
    [InlineData("DENY", "Warning")]
    [InlineData("RATE", "Information")]
    public void A_kiss_of_death_is_one_line_with_source_address_interface_and_code(string code, string level)
    {
        var port = new ScriptedNetworkPort(_system.Scheduler);
        var sockets = new InterfaceSockets(port);
        _system.ActorOf(InterfaceActor.Props(sockets), "fake0");
        var kiss = code == "DENY" ? KissCode.Deny : KissCode.Rate;
        _ = new FakeNtpServer(port, i => new ScriptedExchange(TimeSpan.FromMilliseconds(5), KissCode: i == 2 ? kiss : null));
        var options = new SourceOptions
        {
            SourceId = 1,
            Name = "server1",
            Address = NetworkEndpoint.FromBytes([10, 200, 0, 1], 123),
            Exchange = new ClientExchangeOptions { MinPoll = 2, MaxPoll = 6 },
        };
        _system.ActorOf(SourceActor.Props(options, sockets, _system.DeadLetters, new SequenceRandom(1)), "source-1");

        Scheduler.Advance(TimeSpan.FromSeconds(60));

        var line = _log.WaitFor("Source {Source} ({Address}) on {Interface} sent kiss-o'-death {Code}", Wait);
        Assert.Equal(level, line.GetProperty("Level").GetString());
        Assert.Equal("server1", Text(line, "Source"));
        Assert.Equal("10.200.0.1:123", Text(line, "Address"));
        Assert.Equal("fake0", Text(line, "Interface"));
        Assert.Equal(code, Text(line, "Code"));
        Assert.Equal(1, LinesStartingWith("Source {Source} ({Address}) on {Interface} sent kiss-o'-death"));
    }

    [Fact]
    public void Console_lines_are_text_and_a_json_log_file_is_json_lines()
    {
        using var console = new CapturedLog();
        var file = Path.Combine(Path.GetTempPath(), $"timeactors-log-{Environment.ProcessId}-{Guid.NewGuid():N}.json");
        try
        {
            using (var text = LoggerFactory.Create(b => b.AddTimeActorsSerilog(SerilogSetup.CreateLogger(LogEventLevel.Information, json: false, console: console))))
            {
                text.CreateLogger("TimeActors.Test").LogWarning("Stepped the clock by {StepSeconds:+0.000;-0.000} s ({Reason}) following {Source}", 0.25, "makestep", "server1");
            }

            Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \[WRN\] TimeActors\.Test: Stepped the clock by \+0\.250 s \(makestep\) following server1\r?\n$", console.Text);

            using (var json = LoggerFactory.Create(b => b.AddTimeActorsSerilog(SerilogSetup.CreateLogger(LogEventLevel.Information, json: true, file: file, console: TextWriter.Null))))
            {
                json.CreateLogger("TimeActors.Test").LogWarning("Stepped the clock by {StepSeconds:+0.000;-0.000} s ({Reason}) following {Source}", 0.25, "makestep", "server1");
            }

            var written = JsonDocument.Parse(File.ReadAllLines(file).Single()).RootElement;
            Assert.Equal("server1", Text(written, "Source"));
            Assert.Equal(0.25, Number(written, "StepSeconds"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    public void Dispose()
    {
        _system.Terminate().Wait(Wait);
        _loggers.Dispose();
        _log.Dispose();
    }
}
