using TimeActors.Actors;

namespace TimeActors.Hosting;

/// <summary>Looks up actors by key (a marker type), as Akka.Hosting's registry does.</summary>
public interface IReadOnlyActorRegistry : IEnumerable<KeyValuePair<Type, IActorRef>>
{
    /// <exception cref="MissingActorRegistryEntryException">Nothing registered under <typeparamref name="TKey"/>.</exception>
    IActorRef Get<TKey>();

    bool TryGet<TKey>(out IActorRef actor);

    bool TryGet(Type key, out IActorRef actor);

    /// <summary>Waits until an actor is registered under <typeparamref name="TKey"/>.</summary>
    Task<IActorRef> GetAsync<TKey>(CancellationToken cancellationToken = default);
}
