using TimeActors.Actors;

namespace TimeActors.Actors.Tests;

/// <summary>Small actors shared by the kernel tests.</summary>
internal sealed class EchoActor : ReceiveActor
{
    public EchoActor() => ReceiveAny(m => Sender?.Tell(m, Self));
}

/// <summary>Reports its lifecycle hooks to a probe and fails on request.</summary>
internal sealed class LifecycleActor : ReceiveActor
{
    private readonly IActorRef _probe;
    private readonly int _instance;
    private int _count;

    public LifecycleActor(IActorRef probe, Func<int> instanceCounter)
    {
        _probe = probe;
        _instance = instanceCounter();
        Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("boom"));
        Receive<string>(s => s == "count", _ => Sender?.Tell(++_count, Self));
        Receive<string>(s => s == "instance", _ => Sender?.Tell(_instance, Self));
        Receive<Exception>(e => throw e);
        ReceiveAny(m => _probe.Tell(m, Self));
    }

    protected internal override void PreStart() => _probe.Tell($"preStart:{_instance}", Self);

    protected internal override void PostStop() => _probe.Tell($"postStop:{_instance}", Self);

    protected internal override void PreRestart(Exception reason, object? message)
    {
        _probe.Tell($"preRestart:{_instance}:{message}", Self);
        base.PreRestart(reason, message);
    }

    protected internal override void PostRestart(Exception reason)
    {
        _probe.Tell($"postRestart:{_instance}", Self);
        base.PostRestart(reason);
    }
}

/// <summary>Creates children on request and supervises them with the given strategy.</summary>
internal sealed class ParentActor : ReceiveActor
{
    private readonly SupervisorStrategy _strategy;

    public ParentActor(SupervisorStrategy strategy)
    {
        _strategy = strategy;
        Receive<CreateChild>(c => Sender?.Tell(Context.ActorOf(c.Props, c.Name), Self));
    }

    protected internal override SupervisorStrategy SupervisorStrategy() => _strategy;

    public sealed record CreateChild(Props Props, string Name);
}
