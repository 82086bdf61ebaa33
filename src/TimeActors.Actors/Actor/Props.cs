namespace TimeActors.Actors;

/// <summary>
/// An immutable recipe for an actor: how to build a fresh instance (on start and on every restart),
/// on which dispatcher it runs and, optionally, how it supervises its children.
/// </summary>
public sealed class Props
{
    private Props(Type type, Func<ActorBase> factory, string dispatcher, SupervisorStrategy? supervisorStrategy)
    {
        Type = type;
        Factory = factory;
        Dispatcher = dispatcher;
        SupervisorStrategy = supervisorStrategy;
    }

    public Type Type { get; }

    public string Dispatcher { get; }

    /// <summary>Overrides the actor's own <see cref="ActorBase.SupervisorStrategy"/> when set.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    internal Func<ActorBase> Factory { get; }

    /// <summary>The usual form: <c>Props.Create(() =&gt; new MyActor(arg))</c>. The factory runs again on every restart.</summary>
    public static Props Create<TActor>(Func<TActor> factory, SupervisorStrategy? supervisorStrategy = null)
        where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(typeof(TActor), factory, Dispatchers.DefaultDispatcherId, supervisorStrategy);
    }

    public static Props Create<TActor>(SupervisorStrategy? supervisorStrategy = null)
        where TActor : ActorBase, new() =>
        Create(() => new TActor(), supervisorStrategy);

    public Props WithDispatcher(string dispatcherId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dispatcherId);
        return new Props(Type, Factory, dispatcherId, SupervisorStrategy);
    }

    public Props WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new Props(Type, Factory, Dispatcher, strategy);
    }

    public override string ToString() => $"Props({Type.Name}, dispatcher={Dispatcher})";
}
