using Microsoft.Extensions.DependencyInjection;

namespace TimeActors.Service.Hosting;

/// <summary>Registers the sd_notify support of `timeactors run`.</summary>
public static class SystemdServiceCollectionExtensions
{
    /// <summary>
    /// Adds READY/STATUS/WATCHDOG/STOPPING notifications from the process environment. Register it
    /// after the actor system and the control endpoint: READY=1 must mean both are up.
    /// </summary>
    public static IServiceCollection AddSystemdNotify(this IServiceCollection services)
    {
        services.AddSingleton(_ => SystemdNotifier.FromEnvironment());
        services.AddHostedService<SystemdNotifyService>();
        return services;
    }
}
