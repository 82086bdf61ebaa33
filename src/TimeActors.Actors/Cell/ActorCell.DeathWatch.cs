namespace TimeActors.Actors;

/// <summary>DeathWatch: who this actor watches, who watches it, and Terminated delivery.</summary>
internal sealed partial class ActorCell
{
    private readonly Dictionary<IActorRef, object?> _watching = [];
    private readonly HashSet<IActorRef> _watchedBy = [];
    private readonly HashSet<IActorRef> _terminatedQueued = [];

    public IActorRef Watch(IActorRef subject) => WatchInternal(subject, null);

    public IActorRef WatchWith(IActorRef subject, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WatchInternal(subject, message);
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (_watching.Remove(subject) && subject is LocalActorRef local)
        {
            local.Cell.Mailbox.PostSystem(new UnwatchActor(local.Cell, Self));
        }

        _terminatedQueued.Remove(subject);
        return subject;
    }

    private IActorRef WatchInternal(IActorRef subject, object? customMessage)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject.Equals(Self))
        {
            return subject;
        }

        var alreadyWatching = _watching.ContainsKey(subject);
        _watching[subject] = customMessage;
        if (alreadyWatching)
        {
            return subject;
        }

        if (subject is LocalActorRef local)
        {
            local.Cell.Mailbox.PostSystem(new WatchActor(local.Cell, Self));
        }
        else
        {
            // Nothing to watch (Nobody, a finished Ask): it is as good as dead.
            Mailbox.PostSystem(new DeathWatchNotification(subject, false));
        }

        return subject;
    }

    private void HandleWatch(IActorRef watcher)
    {
        if (_state == CellState.Terminated)
        {
            SendSystem(watcher, new DeathWatchNotification(Self, true));
            return;
        }

        _watchedBy.Add(watcher);
    }

    private void HandleDeathWatchNotification(IActorRef actor, bool existenceConfirmed)
    {
        if (!_watching.Remove(actor, out var customMessage) || IsStopping)
        {
            return;
        }

        _terminatedQueued.Add(actor);
        var message = customMessage ?? new Terminated(actor, existenceConfirmed);
        Mailbox.PostUser(new Envelope(new WatchedTerminated(actor, message), actor));
    }

    private void UnwatchAll()
    {
        foreach (var subject in _watching.Keys)
        {
            if (subject is LocalActorRef local)
            {
                local.Cell.Mailbox.PostSystem(new UnwatchActor(local.Cell, Self));
            }
        }

        _watching.Clear();
        _terminatedQueued.Clear();
    }

    private void NotifyWatchers()
    {
        foreach (var watcher in _watchedBy)
        {
            SendSystem(watcher, new DeathWatchNotification(Self, true));
        }

        _watchedBy.Clear();
    }
}
