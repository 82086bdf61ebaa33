using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace TimeActors.Actors;

/// <summary>
/// The kernel's view of one actor: its ref, mailbox, current instance and behaviour stack, children,
/// watches, stash and timers. Everything here runs on the thread that currently runs the mailbox, except
/// child creation (guarded by a lock) and posting to the mailbox.
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    [ThreadStatic]
    private static ActorCell? t_current;

    [ThreadStatic]
    private static ActorCell? t_constructing;

    private readonly List<Receive> _behaviours = [];
    private ActorBase? _actor;
    private Envelope _current;
    private volatile CellState _state = CellState.Created;
    private object? _failedMessage;
    private ILogger? _logger;
    private TimerScheduler? _timers;

    public ActorCell(ActorSystem system, ActorCell? parent, ActorPath path, Props props, MessageDispatcher dispatcher)
    {
        System = system;
        ParentCell = parent;
        Props = props;
        Self = new LocalActorRef(this, path, system.NextUid());
        Mailbox = new Mailbox(this, dispatcher, system.Flow);
        ActorTypeName = props.Type.Name;
    }

    /// <summary>The cell whose mailbox this thread is running, if any.</summary>
    public static ActorCell? Current => t_current;

    /// <summary>The cell whose actor is being constructed on this thread (read by the ActorBase constructor).</summary>
    public static ActorCell? Constructing => t_constructing;

    public ActorSystem System { get; }

    public ActorCell? ParentCell { get; }

    public LocalActorRef Self { get; }

    IActorRef IActorContext.Self => Self;

    public IActorRef Parent => ParentCell?.Self ?? ActorRefs.Nobody;

    public Props Props { get; }

    public Mailbox Mailbox { get; }

    /// <summary>The metric label: the actor's class, never the instance, so cardinality stays bounded.</summary>
    public string ActorTypeName { get; }

    public IActorRef? CurrentSender => _current.Sender;

    IActorRef? IActorContext.Sender => _current.Sender;

    public bool IsTerminated => _state == CellState.Terminated;

    public bool AcceptsUserMessages => _state == CellState.Running;

    private bool IsStopping => _state is CellState.Terminating or CellState.Terminated;

    public static void EnterTurn(ActorCell cell) => t_current = cell;

    public static void LeaveTurn() => t_current = null;

    /// <summary>Called once, right after the cell is registered with its parent.</summary>
    public void Start()
    {
        System.Register(this);
        Mailbox.Dispatcher.Attach(Mailbox);
        Mailbox.PostSystem(CreateActor.Instance);
    }

    public void Invoke(Envelope envelope)
    {
        _current = envelope;
        _currentStashed = false;
        var message = envelope.Message;
        var started = System.Metrics.TimingEnabled ? Stopwatch.GetTimestamp() : 0;
        try
        {
            switch (message)
            {
                case TimerMessage timer:
                    if (_timers is null || !_timers.Accept(timer))
                    {
                        return; // cancelled or replaced: never delivered
                    }

                    message = timer.Message;
                    _current = new Envelope(message, envelope.Sender);
                    break;
                case WatchedTerminated watched:
                    if (!_terminatedQueued.Remove(watched.Actor))
                    {
                        return; // unwatched after it was queued
                    }

                    message = watched.Message;
                    _current = new Envelope(message, watched.Actor);
                    break;
                case PoisonPill:
                    StopSelf();
                    return;
                case Kill:
                    throw new ActorKilledException("Kill");
                case Identify identify:
                    envelope.Sender?.Tell(new ActorIdentity(identify.MessageId, Self), Self);
                    return;
            }

            if (!_behaviours[^1](message))
            {
                _actor!.InvokeUnhandled(message);
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, message);
        }
        finally
        {
            if (started != 0)
            {
                System.Metrics.RecordProcessingTime(this, Stopwatch.GetElapsedTime(started));
            }

            if (_state != CellState.AwaitingTask)
            {
                _current = default;
            }
        }
    }

    public void OnTurnCompleted(int processed)
    {
        if (processed > 0)
        {
            System.Metrics.RecordProcessed(this, processed);
        }
    }

    public void HandleSystemMessage(SystemMessage message)
    {
        try
        {
            switch (message)
            {
                case CreateActor:
                    HandleCreate();
                    break;
                case TerminateActor:
                    HandleTerminate();
                    break;
                case WatchActor watch:
                    HandleWatch(watch.Watcher);
                    break;
                case UnwatchActor unwatch:
                    _watchedBy.Remove(unwatch.Watcher);
                    break;
                case DeathWatchNotification notification:
                    HandleDeathWatchNotification(notification.Actor, notification.ExistenceConfirmed);
                    break;
                case ChildFailed failed:
                    HandleChildFailed(failed.Child, failed.Cause);
                    break;
                case ChildTerminated terminated:
                    HandleChildTerminated(terminated.Child);
                    break;
                case RecreateActor recreate:
                    HandleRecreate(recreate.Cause);
                    break;
                case ResumeActor:
                    if (_state == CellState.Failed)
                    {
                        _state = CellState.Running;
                    }

                    break;
                case RunContinuation continuation:
                    RunContinuation(continuation);
                    break;
                case AsyncTaskCompleted completed:
                    HandleTaskCompleted(completed);
                    break;
            }
        }
        catch (Exception e)
        {
            // A failure while handling lifecycle messages (e.g. in PreStart) is an actor failure too.
            HandleInvokeFailure(e, null);
        }
    }

    /// <summary>System messages that reach a cell after it stopped.</summary>
    public void HandleSystemMessageWhenDead(SystemMessage message)
    {
        switch (message)
        {
            case WatchActor watch:
                // Watching an actor that is already dead still yields Terminated.
                SendSystem(watch.Watcher, new DeathWatchNotification(Self, true));
                break;
            case ChildFailed failed:
                failed.Child.Mailbox.PostSystem(TerminateActor.Instance);
                break;
        }
    }

    public ILogger GetLogger() => _logger ??= System.LoggerFactory.CreateLogger(Props.Type.FullName ?? Props.Type.Name);

    public void Become(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        if (_behaviours.Count > 0)
        {
            _behaviours[^1] = receive;
        }
        else
        {
            _behaviours.Add(receive);
        }
    }

    public void BecomeStacked(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        _behaviours.Add(receive);
    }

    /// <summary>Pops the top behaviour; the initial one always stays.</summary>
    public void UnbecomeStacked()
    {
        if (_behaviours.Count > 1)
        {
            _behaviours.RemoveAt(_behaviours.Count - 1);
        }
    }

    public void PublishUnhandled(object message)
    {
        System.Metrics.RecordUnhandled(this);
        System.EventStream.Publish(new UnhandledMessage(message, _current.Sender, Self));
    }

    public override string ToString() => $"ActorCell({Self.Path})";

    private void HandleCreate()
    {
        if (_state != CellState.Created)
        {
            return;
        }

        try
        {
            NewInstance();
            _actor!.PreStart();
        }
        catch (Exception e)
        {
            throw new ActorInitializationException(Self, $"Exception while creating {Self.Path}: {e.Message}", e);
        }

        _state = CellState.Running;
    }

    /// <summary>Builds a fresh instance from Props, with a clean behaviour stack, timers and stash handle.</summary>
    private void NewInstance()
    {
        _behaviours.Clear();
        _timers = null;
        var previous = t_constructing;
        t_constructing = this;
        ActorBase actor;
        try
        {
            actor = Props.Factory();
        }
        finally
        {
            t_constructing = previous;
        }

        if (actor is null || !ReferenceEquals(actor.Cell, this))
        {
            throw new ActorInitializationException(Self, $"The Props factory of {Self.Path} must create a new actor instance each time it is called", null);
        }

        actor.AfterConstruction();
        _actor = actor;
        if (_behaviours.Count == 0)
        {
            _behaviours.Add(actor.Receive);
        }
        else
        {
            _behaviours.Insert(0, actor.Receive);
        }

        if (actor is IWithTimers withTimers)
        {
            _timers = new TimerScheduler(this);
            withTimers.Timers = _timers;
        }

        if (actor is IActorStash withStash)
        {
            withStash.Stash = new ActorStash(this);
        }
    }

    private static void SendSystem(IActorRef target, SystemMessage message)
    {
        if (target is LocalActorRef local)
        {
            local.Cell.Mailbox.PostSystem(message);
        }
    }
}
