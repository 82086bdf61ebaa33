using TimeActors.Actors;

namespace TimeActors.Hosting;

/// <summary>The writable registry: actor starters register the actors other services need.</summary>
public interface IActorRegistry : IReadOnlyActorRegistry
{
    /// <exception cref="DuplicateActorRegistryException">The key is taken and <paramref name="overwrite"/> is false.</exception>
    void Register<TKey>(IActorRef actor, bool overwrite = false);

    bool TryRegister<TKey>(IActorRef actor, bool overwrite = false);

    bool TryRegister(Type key, IActorRef actor, bool overwrite = false);
}
