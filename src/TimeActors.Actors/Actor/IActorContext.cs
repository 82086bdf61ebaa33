using Microsoft.Extensions.Logging;

namespace TimeActors.Actors;

/// <summary>What an actor sees of itself and its surroundings while it processes a message.</summary>
public interface IActorContext : IActorRefFactory
{
    IActorRef Self { get; }

    /// <summary>Sender of the message being processed; <see cref="ActorRefs.NoSender"/> when none was given.</summary>
    IActorRef? Sender { get; }

    IActorRef Parent { get; }

    ActorSystem System { get; }

    Props Props { get; }

    IEnumerable<IActorRef> GetChildren();

    /// <summary>The live child with that name, or <see cref="ActorRefs.Nobody"/>.</summary>
    IActorRef Child(string name);

    /// <summary>Stops a child (or Self) after the current message; children stop before their parent.</summary>
    void Stop(IActorRef actor);

    /// <summary>Delivers <see cref="Terminated"/> when <paramref name="subject"/> stops, even if it is already dead.</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Like <see cref="Watch"/> but delivers <paramref name="message"/> instead of <see cref="Terminated"/>.</summary>
    IActorRef WatchWith(IActorRef subject, object message);

    /// <summary>Stops watching; a Terminated already queued for <paramref name="subject"/> is dropped.</summary>
    IActorRef Unwatch(IActorRef subject);

    void Become(Receive receive);

    void BecomeStacked(Receive receive);

    void UnbecomeStacked();

    /// <summary>A logger whose category is the actor's type.</summary>
    ILogger GetLogger();
}
