namespace TimeActors.Actors;

/// <summary>Runs mailboxes on threads: the thread pool, or a thread per actor.</summary>
public abstract class MessageDispatcher
{
    protected MessageDispatcher(string id, int throughput)
    {
        if (throughput < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(throughput), throughput, "Throughput must be at least 1");
        }

        Id = id;
        Throughput = throughput;
    }

    public string Id { get; }

    /// <summary>User messages an actor processes per turn before giving its thread back.</summary>
    public int Throughput { get; }

    internal abstract void Attach(Mailbox mailbox);

    internal abstract void Execute(Mailbox mailbox);

    internal abstract void Detach(Mailbox mailbox);
}
