namespace TimeActors.Actors.TestKit;

/// <summary>
/// A second (third, …) test actor with its own queue and expectations; it is itself an
/// <see cref="IActorRef"/>, so it can be passed wherever an actor is expected.
/// </summary>
public sealed class TestProbe : TestKitBase, IActorRef, IActorSystemBound
{
    internal TestProbe(ActorSystem system, string name)
    {
        InitializeTest(system, name);
    }

    /// <summary>The probe's ref (the same as the probe itself).</summary>
    public IActorRef Ref => TestActor;

    public ActorPath Path => TestActor.Path;

    /// <summary>The sender of the last message the probe received.</summary>
    public IActorRef? Sender => LastSender;

    ActorSystem IActorSystemBound.System => Sys;

    public void Tell(object message, IActorRef? sender) => TestActor.Tell(message, sender);

    /// <summary>Sends <paramref name="message"/> to <paramref name="actor"/> with this probe as sender.</summary>
    public void Send(IActorRef actor, object message) => actor.Tell(message, TestActor);

    /// <summary>Sends the last received message on to <paramref name="actor"/>, keeping its original sender.</summary>
    public void Forward(IActorRef actor) =>
        actor.Tell(LastMessage ?? throw new InvalidOperationException("No message has been received to forward"), LastSender);

    public void Forward(IActorRef actor, object message) => actor.Tell(message, LastSender);

    public bool Equals(IActorRef? other) => TestActor.Equals(other is TestProbe probe ? probe.TestActor : other);

    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

    public override int GetHashCode() => TestActor.GetHashCode();

    public int CompareTo(IActorRef? other) => TestActor.CompareTo(other);

    public override string ToString() => $"TestProbe({Path})";
}
