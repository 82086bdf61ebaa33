using TimeActors.Actors;

namespace TimeActors.Hosting;

/// <summary>Injects the actor registered under <typeparamref name="TKey"/> into a DI consumer.</summary>
public interface IRequiredActor<TKey>
{
    /// <summary>The actor; blocks until it is registered.</summary>
    IActorRef ActorRef { get; }

    Task<IActorRef> GetAsync(CancellationToken cancellationToken = default);
}
