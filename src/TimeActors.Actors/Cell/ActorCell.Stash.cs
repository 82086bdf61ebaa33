namespace TimeActors.Actors;

/// <summary>The stash: kept in the cell so it survives a restart of the instance.</summary>
internal sealed partial class ActorCell
{
    private readonly List<Envelope> _stash = [];
    private bool _currentStashed;

    public int StashCount => _stash.Count;

    public void StashCurrent()
    {
        if (_current.Message is null)
        {
            throw new IllegalActorStateException("Stash() can only be called while processing a message");
        }

        if (_currentStashed)
        {
            throw new IllegalActorStateException($"The message {_current.Message} is already stashed");
        }

        _stash.Add(_current);
        _currentStashed = true;
    }

    public void UnstashOne()
    {
        if (_stash.Count == 0)
        {
            return;
        }

        var first = _stash[0];
        _stash.RemoveAt(0);
        Mailbox.Prepend([first]);
    }

    public void UnstashAllInternal()
    {
        if (_stash.Count == 0)
        {
            return;
        }

        Mailbox.Prepend(_stash);
        _stash.Clear();
    }

    public void UnstashAllInternal(Func<Envelope, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var selected = new List<Envelope>();
        var kept = new List<Envelope>();
        foreach (var envelope in _stash)
        {
            (predicate(envelope) ? selected : kept).Add(envelope);
        }

        _stash.Clear();
        _stash.AddRange(kept);
        Mailbox.Prepend(selected);
    }

    public IReadOnlyList<Envelope> ClearStash()
    {
        var all = _stash.ToArray();
        _stash.Clear();
        return all;
    }
}
