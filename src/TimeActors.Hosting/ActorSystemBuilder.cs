using TimeActors.Actors;

namespace TimeActors.Hosting;

/// <summary>Describes the actor system a host runs: its settings, the actors to start, startup tasks.</summary>
public sealed class ActorSystemBuilder
{
    private readonly List<Func<ActorSystem, IActorRegistry, IServiceProvider, Task>> _starters = [];
    private readonly List<Func<ActorSystemSettings, IServiceProvider, ActorSystemSettings>> _settings = [];

    internal ActorSystemBuilder(string systemName)
    {
        SystemName = systemName;
    }

    public string SystemName { get; }

    /// <summary>How long host shutdown waits for the actors to stop.</summary>
    public TimeSpan ShutdownTimeout { get; private set; } = TimeSpan.FromSeconds(5);

    internal IReadOnlyList<Func<ActorSystemSettings, IServiceProvider, ActorSystemSettings>> SettingsSteps => _settings;

    internal IReadOnlyList<Func<ActorSystem, IActorRegistry, IServiceProvider, Task>> Starters => _starters;

    /// <summary>Adjusts the settings (applied in order; the host's logger factory is set afterwards).</summary>
    public ActorSystemBuilder WithSettings(Func<ActorSystemSettings, ActorSystemSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _settings.Add((s, _) => configure(s));
        return this;
    }

    public ActorSystemBuilder WithSettings(Func<ActorSystemSettings, IServiceProvider, ActorSystemSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _settings.Add(configure);
        return this;
    }

    /// <summary>Starts actors when the host starts, in registration order.</summary>
    public ActorSystemBuilder WithActors(Action<ActorSystem, IActorRegistry> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        return WithActors((system, registry, _) => start(system, registry));
    }

    public ActorSystemBuilder WithActors(Action<ActorSystem, IActorRegistry, IServiceProvider> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        _starters.Add((system, registry, services) =>
        {
            start(system, registry, services);
            return Task.CompletedTask;
        });
        return this;
    }

    /// <summary>An async step that runs after the actor starters registered before it.</summary>
    public ActorSystemBuilder AddStartup(Func<ActorSystem, IActorRegistry, Task> startup)
    {
        ArgumentNullException.ThrowIfNull(startup);
        _starters.Add((system, registry, _) => startup(system, registry));
        return this;
    }

    public ActorSystemBuilder WithShutdownTimeout(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The shutdown timeout must be positive");
        }

        ShutdownTimeout = timeout;
        return this;
    }
}
