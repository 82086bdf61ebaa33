namespace TimeActors.Actors;

/// <summary>Set aside the current message now and bring it (and the others) back later, in order.</summary>
public interface IStash
{
    int Count { get; }

    bool IsEmpty { get; }

    /// <summary>Stashes the message being processed. Stashing the same message twice throws.</summary>
    void Stash();

    /// <summary>Puts the oldest stashed message in front of the mailbox.</summary>
    void Unstash();

    /// <summary>Puts every stashed message in front of the mailbox, in the order they were stashed.</summary>
    void UnstashAll();

    void UnstashAll(Func<Envelope, bool> predicate);

    /// <summary>Empties the stash and returns what it held.</summary>
    IReadOnlyList<Envelope> ClearStash();
}
