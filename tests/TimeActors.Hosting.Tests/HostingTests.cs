using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog.Events;
using TimeActors.Actors;

namespace TimeActors.Hosting.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task Actors_started_with_the_host_are_found_through_the_registry_and_DI()
    {
        using var host = BuildHost(b => b.WithActors((system, registry) =>
            registry.Register<Echo>(system.ActorOf(Props.Create(() => new Echo()), "echo"))));

        await host.StartAsync();
        try
        {
            var registry = host.Services.GetRequiredService<IReadOnlyActorRegistry>();
            var required = host.Services.GetRequiredService<IRequiredActor<Echo>>();

            Assert.Equal("/user/echo", registry.Get<Echo>().Path.ToStringWithoutAddress());
            Assert.Equal(registry.Get<Echo>(), required.ActorRef);
            Assert.Equal("hi", await required.ActorRef.Ask<string>("hi", TimeSpan.FromSeconds(3)));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Starters_and_startup_tasks_run_in_registration_order()
    {
        var order = new ConcurrentQueue<string>();
        using var host = BuildHost(b => b
            .WithActors((_, _) => order.Enqueue("actors-1"))
            .AddStartup(async (_, _) =>
            {
                await Task.Yield();
                order.Enqueue("startup");
            })
            .WithActors((_, _) => order.Enqueue("actors-2")));

        await host.StartAsync();
        await host.StopAsync();

        Assert.Equal(["actors-1", "startup", "actors-2"], order);
    }

    [Fact]
    public async Task A_failing_starter_fails_host_start_and_terminates_the_actor_system()
    {
        using var host = BuildHost(b => b.WithActors((_, _) => throw new InvalidOperationException("cannot start")));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Equal("cannot start", error.Message);
        Assert.True(host.Services.GetRequiredService<ActorSystem>().WhenTerminated.IsCompleted);
    }

    [Fact]
    public async Task Host_stop_stops_the_actors_gracefully()
    {
        var stopped = new TaskCompletionSource();
        using var host = BuildHost(b => b.WithActors((system, _) => system.ActorOf(Props.Create(() => new StopReporter(stopped)))));
        await host.StartAsync();

        await host.StopAsync();

        Assert.True(stopped.Task.IsCompleted);
        Assert.True(host.Services.GetRequiredService<ActorSystem>().WhenTerminated.IsCompleted);
    }

    [Fact]
    public async Task Host_stop_gives_up_on_stuck_actors_after_the_shutdown_timeout()
    {
        var release = new ManualResetEventSlim();
        using var host = BuildHost(b => b
            .WithShutdownTimeout(TimeSpan.FromMilliseconds(200))
            .WithActors((system, _) => system.ActorOf(Props.Create(() => new StuckOnStop(release)))));
        await host.StartAsync();

        var stopping = host.StopAsync();
        var finished = await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(3)));
        release.Set();

        Assert.Same(stopping, finished);
    }

    [Fact]
    public async Task The_host_stops_when_the_actor_system_terminates_on_its_own()
    {
        using var host = BuildHost(b => b.WithActors((_, _) => { }));
        await host.StartAsync();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopping = new TaskCompletionSource();
        lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());

        await host.Services.GetRequiredService<ActorSystem>().Terminate();

        await stopping.Task.WaitAsync(TimeSpan.FromSeconds(3));
        await host.StopAsync();
    }

    [Fact]
    public async Task Actor_logs_reach_Serilog_with_their_source_context()
    {
        var output = new StringWriter();
        using var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(l => l.AddTimeActorsSerilog(SerilogSetup.CreateLogger(LogEventLevel.Debug, console: output)))
            .ConfigureServices(s => s.AddActorSystem("serilog", b => b.WithActors((system, registry) =>
                registry.Register<Talker>(system.ActorOf(Props.Create(() => new Talker()))))))
            .Build();
        await host.StartAsync();

        await host.Services.GetRequiredService<IReadOnlyActorRegistry>().Get<Talker>().Ask("talk", TimeSpan.FromSeconds(3));
        await host.StopAsync();

        var text = output.ToString();
        Assert.Contains("[INF] TimeActors.Hosting.Tests.HostingTests+Talker: spoken through Serilog", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_log_lines_carry_structured_properties()
    {
        var output = new StringWriter();
        var logger = SerilogSetup.CreateLogger(LogEventLevel.Information, json: true, console: output);
        using (var factory = LoggerFactory.Create(l => l.AddTimeActorsSerilog(logger)))
        {
            factory.CreateLogger("probe").LogInformation("offset {OffsetNs} ns", 42);
        }

        await Task.CompletedTask;
        var line = output.ToString().Trim();
        Assert.StartsWith("{", line, StringComparison.Ordinal);
        Assert.Contains("\"OffsetNs\":42", line, StringComparison.Ordinal);
    }

    private static IHost BuildHost(Action<ActorSystemBuilder> configure) =>
        Host.CreateDefaultBuilder()
            .ConfigureLogging(l => l.ClearProviders())
            .ConfigureServices(s => s.AddActorSystem("hosted", configure))
            .Build();

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender?.Tell(m, Self));
    }

    private sealed class StopReporter : ReceiveActor
    {
        private readonly TaskCompletionSource _stopped;

        public StopReporter(TaskCompletionSource stopped)
        {
            _stopped = stopped;
            ReceiveAny(_ => { });
        }

        protected override void PostStop() => _stopped.TrySetResult();
    }

    private sealed class StuckOnStop : ReceiveActor
    {
        private readonly ManualResetEventSlim _release;

        public StuckOnStop(ManualResetEventSlim release)
        {
            _release = release;
            ReceiveAny(_ => { });
        }

        protected override void PostStop() => _release.Wait(TimeSpan.FromSeconds(10));
    }

    private sealed class Talker : ReceiveActor
    {
        public Talker()
        {
            var log = Context.GetLogger();
            ReceiveAny(_ =>
            {
                log.LogInformation("spoken through Serilog");
                Sender?.Tell("ok", Self);
            });
        }
    }
}
