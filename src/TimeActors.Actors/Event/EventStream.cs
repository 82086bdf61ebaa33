namespace TimeActors.Actors;

/// <summary>
/// Publish/subscribe by type: a subscriber to a type receives every published event assignable to it
/// (base types and interfaces included). Subscribers that have stopped are dropped on the next publish.
/// </summary>
public sealed class EventStream
{
    private readonly object _gate = new();
    private (Type Channel, IActorRef Subscriber)[] _subscriptions = [];

    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_gate)
        {
            if (Array.Exists(_subscriptions, s => s.Channel == channel && s.Subscriber.Equals(subscriber)))
            {
                return false;
            }

            _subscriptions = [.. _subscriptions, (channel, subscriber)];
            return true;
        }
    }

    public bool Subscribe<TEvent>(IActorRef subscriber) => Subscribe(subscriber, typeof(TEvent));

    public bool Unsubscribe(IActorRef subscriber, Type channel)
    {
        lock (_gate)
        {
            var before = _subscriptions.Length;
            _subscriptions = Array.FindAll(_subscriptions, s => !(s.Channel == channel && s.Subscriber.Equals(subscriber)));
            return _subscriptions.Length != before;
        }
    }

    /// <summary>Removes every subscription of <paramref name="subscriber"/>.</summary>
    public bool Unsubscribe(IActorRef subscriber)
    {
        lock (_gate)
        {
            var before = _subscriptions.Length;
            _subscriptions = Array.FindAll(_subscriptions, s => !s.Subscriber.Equals(subscriber));
            return _subscriptions.Length != before;
        }
    }

    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var type = @event.GetType();
        var anyDead = false;
        foreach (var (channel, subscriber) in Volatile.Read(ref _subscriptions))
        {
            if (!channel.IsAssignableFrom(type))
            {
                continue;
            }

            if (subscriber is ILocalRef local && local.IsTerminated)
            {
                anyDead = true;
                continue;
            }

            subscriber.Tell(@event, ActorRefs.NoSender);
        }

        if (anyDead)
        {
            lock (_gate)
            {
                _subscriptions = Array.FindAll(_subscriptions, s => s.Subscriber is not ILocalRef { IsTerminated: true });
            }
        }
    }
}
