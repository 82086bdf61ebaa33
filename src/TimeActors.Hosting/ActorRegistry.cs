using System.Collections;
using System.Collections.Concurrent;
using TimeActors.Actors;

namespace TimeActors.Hosting;

/// <summary>Thread-safe registry of actors by key; <see cref="GetAsync{TKey}"/> waits for late registrations.</summary>
public sealed class ActorRegistry : IActorRegistry
{
    private readonly ConcurrentDictionary<Type, IActorRef> _actors = new();
    private readonly ConcurrentDictionary<Type, TaskCompletionSource<IActorRef>> _waiters = new();

    public void Register<TKey>(IActorRef actor, bool overwrite = false)
    {
        if (!TryRegister(typeof(TKey), actor, overwrite))
        {
            throw new DuplicateActorRegistryException($"An actor is already registered under {typeof(TKey).Name}: {_actors[typeof(TKey)].Path}");
        }
    }

    public bool TryRegister<TKey>(IActorRef actor, bool overwrite = false) => TryRegister(typeof(TKey), actor, overwrite);

    public bool TryRegister(Type key, IActorRef actor, bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(actor);
        if (overwrite)
        {
            _actors[key] = actor;
        }
        else if (!_actors.TryAdd(key, actor))
        {
            return false;
        }

        if (_waiters.TryRemove(key, out var waiter))
        {
            waiter.TrySetResult(actor);
        }

        return true;
    }

    public IActorRef Get<TKey>() =>
        TryGet(typeof(TKey), out var actor)
            ? actor
            : throw new MissingActorRegistryEntryException($"No actor is registered under {typeof(TKey).Name}");

    public bool TryGet<TKey>(out IActorRef actor) => TryGet(typeof(TKey), out actor);

    public bool TryGet(Type key, out IActorRef actor)
    {
        if (_actors.TryGetValue(key, out var found))
        {
            actor = found;
            return true;
        }

        actor = ActorRefs.Nobody;
        return false;
    }

    public async Task<IActorRef> GetAsync<TKey>(CancellationToken cancellationToken = default)
    {
        var waiter = _waiters.GetOrAdd(typeof(TKey), _ => new TaskCompletionSource<IActorRef>(TaskCreationOptions.RunContinuationsAsynchronously));

        // Registered between the lookup and the wait: answer from the dictionary.
        if (TryGet<TKey>(out var actor))
        {
            waiter.TrySetResult(actor);
        }

        return await waiter.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public IEnumerator<KeyValuePair<Type, IActorRef>> GetEnumerator() => _actors.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
