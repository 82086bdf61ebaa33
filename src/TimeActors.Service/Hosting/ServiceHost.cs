using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog.Events;
using TimeActors.Hosting;
using TimeActors.Service.Settings;
using TimeActors.Service.Telemetry;

namespace TimeActors.Service.Hosting;

/// <summary>
/// Builds the generic host `timeactors run` runs: Serilog from <c>timeactors.logging</c>, the actor
/// system from <c>timeactors.actors</c> with the service guardian and its children, and the control
/// endpoint. Stopping is bounded so the process ends within 2 s of SIGTERM.
/// </summary>
public static class ServiceHost
{
    /// <summary>The whole stop (control endpoint, then actors) is bounded by this; SIGTERM must end the process within 2 s.</summary>
    public static readonly TimeSpan StopBudget = TimeSpan.FromMilliseconds(1500);

    public static IHost Build(TimeActorsSettings settings, IServiceActorFactory factory, TextWriter? logOutput = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(factory);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddTimeActorsSerilog(SerilogSetup.CreateLogger(
            ToSerilog(settings.Logging.Level),
            json: settings.Logging.Format == LogFormat.Json,
            file: settings.Logging.File,
            console: logOutput));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = StopBudget);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<IHostLifetime, SignalHandledLifetime>();

        var children = factory.CreateChildren(settings).ToList();
        var actorStop = settings.Actors.ShutdownTimeout < StopBudget ? settings.Actors.ShutdownTimeout : StopBudget - TimeSpan.FromMilliseconds(250);
        builder.Services.AddActorSystem("timeactors", b => b
            .WithShutdownTimeout(actorStop)
            .WithSettings(_ => settings.Actors with { ShutdownTimeout = actorStop })
            .WithActors((system, registry, services) =>
            {
                var askTimeout = settings.Control.RequestTimeout / 2;
                var guardian = system.ActorOf(ServiceGuardian.Props(children, settings.Clock.ModeName, askTimeout), "service");
                registry.Register<ServiceGuardian>(guardian);
                if (settings.Metrics.Enabled)
                {
                    system.ActorOf(TelemetryActor.Props(guardian, services.GetRequiredService<ServiceMetrics>(), settings.Metrics.RefreshInterval), "telemetry");
                }
            }));
        builder.Services.AddHostedService<ControlEndpointService>();
        if (settings.Metrics.Enabled)
        {
            var probes = factory as IInterfaceProbeSource;
            builder.Services.AddSingleton(_ => new ServiceMetrics(settings.Clock.ModeName, probes?.InterfaceProbes, probes?.SourceInterfaces));
            builder.Services.AddSingleton<MetricsEndpointService>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<MetricsEndpointService>());
        }

        // Last: READY=1 once everything above is up.
        builder.Services.AddSystemdNotify();
        return builder.Build();
    }

    public static LogEventLevel ToSerilog(LogLevel level) => level switch
    {
        LogLevel.Trace => LogEventLevel.Verbose,
        LogLevel.Debug => LogEventLevel.Debug,
        LogLevel.Information => LogEventLevel.Information,
        LogLevel.Warning => LogEventLevel.Warning,
        LogLevel.Error => LogEventLevel.Error,
        _ => LogEventLevel.Fatal,
    };
}
