using System.Collections.Concurrent;

namespace TimeActors.Actors;

/// <summary>
/// An actor's two queues (system messages, user messages) and its scheduling state. At most one thread
/// runs a mailbox at a time. Each turn handles every pending system message, then up to the
/// dispatcher's throughput of user messages, handling system messages again after each one.
/// </summary>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private readonly ConcurrentQueue<Envelope> _user = new();
    private readonly ConcurrentQueue<SystemMessage> _system = new();

    // Unstashed messages go in front of the queue; only the thread running the mailbox touches this.
    private readonly Stack<Envelope> _prepended = new();
    private readonly FlowTracker? _flow;
    private int _scheduled;
    private volatile bool _closed;

    public Mailbox(ActorCell cell, MessageDispatcher dispatcher, FlowTracker? flow)
    {
        Cell = cell;
        Dispatcher = dispatcher;
        _flow = flow;
    }

    public ActorCell Cell { get; }

    public MessageDispatcher Dispatcher { get; }

    /// <summary>Per-mailbox data of the dispatcher (the pinned dispatcher keeps the actor's thread here).</summary>
    public object? DispatcherState { get; set; }

    public bool IsClosed => _closed;

    /// <summary>User messages waiting (approximate while other threads post).</summary>
    public int UserMessageCount => _user.Count + _prepended.Count;

    public bool HasPendingWork =>
        !_system.IsEmpty || (!_closed && Cell.AcceptsUserMessages && (_prepended.Count > 0 || !_user.IsEmpty));

    public void PostUser(in Envelope envelope)
    {
        if (_closed)
        {
            Cell.System.PublishDeadLetter(envelope.Message, envelope.Sender, Cell.Self);
            return;
        }

        _user.Enqueue(envelope);
        if (_closed)
        {
            // Closed while we enqueued: nobody else will look at the queue again.
            DrainUserToDeadLetters();
            return;
        }

        Schedule();
    }

    public void PostSystem(SystemMessage message)
    {
        if (_closed)
        {
            Cell.HandleSystemMessageWhenDead(message);
            return;
        }

        _system.Enqueue(message);
        if (_closed)
        {
            DrainSystemWhenDead();
            return;
        }

        Schedule();
    }

    /// <summary>Puts messages in front of the queue in their given order. Only from the running actor.</summary>
    public void Prepend(IReadOnlyList<Envelope> envelopes)
    {
        for (var i = envelopes.Count - 1; i >= 0; i--)
        {
            _prepended.Push(envelopes[i]);
        }
    }

    public void Schedule()
    {
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            _flow?.Enter();
            Dispatcher.Execute(this);
        }
    }

    void IThreadPoolWorkItem.Execute() => Run();

    public void Run()
    {
        var processed = 0;
        ActorCell.EnterTurn(Cell);
        try
        {
            ProcessSystemMessages();
            var left = Dispatcher.Throughput;
            while (left-- > 0 && !_closed && Cell.AcceptsUserMessages && TryDequeueUser(out var envelope))
            {
                Cell.Invoke(envelope);
                processed++;
                ProcessSystemMessages();
            }
        }
        finally
        {
            ActorCell.LeaveTurn();
            Cell.OnTurnCompleted(processed);
            // A full fence, not a release store: the queue checks below must not be reordered before
            // this write, or a sender that saw us still scheduled (and so did not schedule) and a
            // runner that saw an empty queue would both walk away from a message (a lost wake-up).
            Interlocked.Exchange(ref _scheduled, 0);

            // Reschedule before leaving the flow count, so an idle check never sees zero while work remains.
            if (HasPendingWork && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
            {
                Dispatcher.Execute(this);
            }
            else
            {
                _flow?.Exit();
            }
        }
    }

    /// <summary>After the actor stopped: what is still queued goes to dead letters.</summary>
    public void Close()
    {
        _closed = true;
        while (_prepended.Count > 0)
        {
            var envelope = _prepended.Pop();
            Cell.System.PublishDeadLetter(envelope.Message, envelope.Sender, Cell.Self);
        }

        DrainUserToDeadLetters();
        DrainSystemWhenDead();
        Dispatcher.Detach(this);
    }

    private bool TryDequeueUser(out Envelope envelope)
    {
        if (_prepended.Count > 0)
        {
            envelope = _prepended.Pop();
            return true;
        }

        return _user.TryDequeue(out envelope);
    }

    private void ProcessSystemMessages()
    {
        while (_system.TryDequeue(out var message))
        {
            Cell.HandleSystemMessage(message);
        }
    }

    private void DrainUserToDeadLetters()
    {
        while (_user.TryDequeue(out var envelope))
        {
            Cell.System.PublishDeadLetter(envelope.Message, envelope.Sender, Cell.Self);
        }
    }

    private void DrainSystemWhenDead()
    {
        while (_system.TryDequeue(out var message))
        {
            Cell.HandleSystemMessageWhenDead(message);
        }
    }
}
