namespace TimeActors.Actors;

/// <summary>The default dispatcher: mailboxes run as work items on the .NET thread pool.</summary>
public sealed class ThreadPoolDispatcher(string id, int throughput) : MessageDispatcher(id, throughput)
{
    internal override void Attach(Mailbox mailbox)
    {
    }

    internal override void Execute(Mailbox mailbox) => ThreadPool.UnsafeQueueUserWorkItem(mailbox, preferLocal: false);

    internal override void Detach(Mailbox mailbox)
    {
    }
}
