using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TimeActors.Actors;

namespace TimeActors.Hosting;

/// <summary>Akka.Hosting's <c>AddAkka</c>, for TimeActors: one actor system on the generic host.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="ActorSystem"/> (built on first use, logging through the host's
    /// <see cref="ILoggerFactory"/>), the <see cref="ActorRegistry"/>, <see cref="IRequiredActor{TKey}"/>
    /// and a hosted service that starts the actors with the host and stops them gracefully with it.
    /// </summary>
    public static IServiceCollection AddActorSystem(this IServiceCollection services, string systemName, Action<ActorSystemBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddActorSystem(systemName, (builder, _) => configure(builder));
    }

    public static IServiceCollection AddActorSystem(this IServiceCollection services, string systemName, Action<ActorSystemBuilder, IServiceProvider> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddSingleton(sp =>
        {
            var builder = new ActorSystemBuilder(systemName);
            configure(builder, sp);
            return builder;
        });
        services.AddSingleton(sp =>
        {
            var builder = sp.GetRequiredService<ActorSystemBuilder>();
            var settings = ActorSystemSettings.Default with { ShutdownTimeout = builder.ShutdownTimeout };
            foreach (var step in builder.SettingsSteps)
            {
                settings = step(settings, sp);
            }

            settings = settings with { LoggerFactory = sp.GetService<ILoggerFactory>() ?? settings.LoggerFactory };
            return ActorSystem.Create(builder.SystemName, settings);
        });
        services.AddSingleton<ActorRegistry>();
        services.AddSingleton<IActorRegistry>(sp => sp.GetRequiredService<ActorRegistry>());
        services.AddSingleton<IReadOnlyActorRegistry>(sp => sp.GetRequiredService<ActorRegistry>());
        services.AddSingleton(typeof(IRequiredActor<>), typeof(RequiredActor<>));
        services.AddHostedService<ActorSystemHostedService>();
        return services;
    }
}
