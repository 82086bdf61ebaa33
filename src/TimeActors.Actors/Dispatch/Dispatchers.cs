using System.Collections.Concurrent;

namespace TimeActors.Actors;

/// <summary>The dispatchers of an actor system, by id; <see cref="Props.WithDispatcher"/> names one.</summary>
public sealed class Dispatchers
{
    public const string DefaultDispatcherId = "default-dispatcher";
    public const string PinnedDispatcherId = "pinned-dispatcher";

    private readonly ConcurrentDictionary<string, MessageDispatcher> _byId = new(StringComparer.Ordinal);

    internal Dispatchers(ActorSystemSettings settings)
    {
        if (settings.SingleThreaded)
        {
            // Every dispatcher name maps to the one thread: pinned actors included (they must not block then).
            DefaultDispatcher = new SingleThreadDispatcher(DefaultDispatcherId, settings.DefaultDispatcherThroughput);
            _byId[DefaultDispatcherId] = DefaultDispatcher;
            _byId[PinnedDispatcherId] = DefaultDispatcher;
        }
        else
        {
            DefaultDispatcher = new ThreadPoolDispatcher(DefaultDispatcherId, settings.DefaultDispatcherThroughput);
            _byId[DefaultDispatcherId] = DefaultDispatcher;
            _byId[PinnedDispatcherId] = new PinnedDispatcher(PinnedDispatcherId, settings.DefaultDispatcherThroughput);
        }

        // Akka.NET's names work too, so actors ported from it need no change.
        _byId["akka.actor.default-dispatcher"] = DefaultDispatcher;
    }

    public MessageDispatcher DefaultDispatcher { get; }

    public bool HasDispatcher(string id) => _byId.ContainsKey(id);

    /// <exception cref="ArgumentException">No dispatcher has that id.</exception>
    public MessageDispatcher Lookup(string id) =>
        _byId.TryGetValue(id, out var dispatcher)
            ? dispatcher
            : throw new ArgumentException($"No dispatcher '{id}' (known: {string.Join(", ", _byId.Keys.Order(StringComparer.Ordinal))})", nameof(id));

    /// <summary>Adds a dispatcher (e.g. a thread-pool one with another throughput).</summary>
    public void Register(MessageDispatcher dispatcher)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        if (!_byId.TryAdd(dispatcher.Id, dispatcher))
        {
            throw new ArgumentException($"A dispatcher '{dispatcher.Id}' exists already", nameof(dispatcher));
        }
    }

    /// <summary>Stops dispatcher threads the system owns (the single-threaded one) once every actor has stopped.</summary>
    internal void Shutdown()
    {
        foreach (var dispatcher in _byId.Values.OfType<IDisposable>().Distinct())
        {
            dispatcher.Dispose();
        }
    }
}
