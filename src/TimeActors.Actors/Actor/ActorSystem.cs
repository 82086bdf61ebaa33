using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace TimeActors.Actors;

/// <summary>
/// A hierarchy of actors with its scheduler, dispatchers, event stream and dead letters. Top-level
/// actors live under <c>/user</c>; the kernel's own under <c>/system</c>.
/// </summary>
public sealed partial class ActorSystem : IActorRefFactory, IDisposable
{
    private readonly ActorCell _userGuardian;
    private readonly ActorCell _systemGuardian;
    private readonly ConcurrentDictionary<ActorCell, byte> _live = new();
    private readonly TaskCompletionSource _whenTerminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _userGuardianStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _systemGuardianStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<Action> _onTermination = new();
    private long _uid;
    private long _tempCounter;
    private int _terminating;

    private ActorSystem(string name, ActorSystemSettings settings)
    {
        Name = name;
        Settings = settings;
        EventStream = new EventStream();
        LoggerFactory = new EventStreamLoggerFactory(settings.LoggerFactory, EventStream);
        Log = LoggerFactory.CreateLogger("TimeActors.Actors.ActorSystem");
        Metrics = new ActorMetrics(name, settings.TelemetryEnabled, LiveActors);
        Dispatchers = new Dispatchers(settings);
        if (settings.UseVirtualTime)
        {
            Flow = new FlowTracker();
            var scheduler = new VirtualScheduler(settings.VirtualTimeStart);
            scheduler.AfterFire = WaitForQuiescence;
            Scheduler = scheduler;
        }
        else
        {
            Scheduler = new RealScheduler(settings.SchedulerSpinWindow, e => Log.LogError(e, "A scheduled action failed: {Reason}", e.Message), $"{name}-scheduler");
        }

        var root = ActorPath.Root(name);
        DeadLetters = new DeadLettersActorRef(this, root / "deadLetters");
        var guardianProps = Props.Create(() => new GuardianActor());
        _userGuardian = new ActorCell(this, null, root / "user", guardianProps, Dispatchers.DefaultDispatcher);
        _systemGuardian = new ActorCell(this, null, root / "system", guardianProps, Dispatchers.DefaultDispatcher);
        _userGuardian.Start();
        _systemGuardian.Start();
        var listener = _systemGuardian.ActorOf(Props.Create(() => new DeadLetterListener(settings.LogDeadLetters, settings.LogDeadLettersSuspendDuration)), "deadLetterListener");

        // Subscribed here, not in PreStart, so not even the first dead letter can slip past it.
        EventStream.Subscribe<DeadLetter>(listener);
    }

    public string Name { get; }

    public ActorSystemSettings Settings { get; }

    public EventStream EventStream { get; }

    /// <summary>Messages sent here are published as <see cref="DeadLetter"/>.</summary>
    public IActorRef DeadLetters { get; }

    public IScheduler Scheduler { get; }

    public Dispatchers Dispatchers { get; }

    /// <summary>The host's logger factory, wrapped so every line is also published as a <see cref="LogEvent"/>.</summary>
    public ILoggerFactory LoggerFactory { get; }

    public ILogger Log { get; }

    public ActorMetrics Metrics { get; }

    /// <summary>Completes once every actor has stopped and the scheduler is shut down.</summary>
    public Task WhenTerminated => _whenTerminated.Task;

    public bool IsTerminating => Volatile.Read(ref _terminating) != 0;

    internal FlowTracker? Flow { get; }

    /// <param name="name">Letters, digits, '-' and '_', starting with a letter or digit.</param>
    public static ActorSystem Create(string name, ActorSystemSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!SystemNamePattern().IsMatch(name))
        {
            throw new ArgumentException($"Invalid actor system name '{name}': use letters, digits, '-' and '_', starting with a letter or digit", nameof(name));
        }

        return new ActorSystem(name, settings ?? ActorSystemSettings.Default);
    }

    /// <summary>Creates a top-level actor under <c>/user</c>.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => _userGuardian.ActorOf(props, name);

    /// <summary>Stops any actor (after the message it is processing).</summary>
    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is LocalActorRef local)
        {
            var parent = local.Cell.ParentCell ?? _userGuardian;
            parent.Stop(actor);
        }
    }

    /// <summary>Runs <paramref name="callback"/> once the system has terminated (before <see cref="WhenTerminated"/> completes).</summary>
    public void RegisterOnTermination(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        _onTermination.Enqueue(callback);
    }

    /// <summary>Stops every actor, children before parents, then the kernel's own actors and the scheduler.</summary>
    public Task Terminate()
    {
        if (Interlocked.Exchange(ref _terminating, 1) == 0)
        {
            _ = FinishTerminationAsync();
        }

        return WhenTerminated;
    }

    public void Dispose() => Terminate().Wait(Settings.ShutdownTimeout + TimeSpan.FromSeconds(1));

    public override string ToString() => $"ActorSystem({Name})";

    internal long NextUid() => Interlocked.Increment(ref _uid);

    internal ActorPath NextTempPath() => ActorPath.Root(Name) / "temp" / ("$" + Interlocked.Increment(ref _tempCounter).ToString(System.Globalization.CultureInfo.InvariantCulture));

    internal void Register(ActorCell cell) => _live.TryAdd(cell, 0);

    internal void Unregister(ActorCell cell) => _live.TryRemove(cell, out _);

    internal void PublishDeadLetter(object message, IActorRef? sender, IActorRef recipient)
    {
        if (message is Identify identify)
        {
            // Asking a dead actor who it is gets a clear "nobody" instead of silence.
            sender?.Tell(new ActorIdentity(identify.MessageId, null), ActorRefs.NoSender);
        }

        Metrics.RecordDeadLetter(recipient is LocalActorRef local ? local.Cell.ActorTypeName : "none");
        var unwrapped = message switch
        {
            TimerMessage timer => timer.Message,
            WatchedTerminated watched => watched.Message,
            _ => message,
        };
        EventStream.Publish(message is IDeadLetterSuppression || unwrapped is IDeadLetterSuppression
            ? new SuppressedDeadLetter(unwrapped, sender, recipient)
            : new DeadLetter(unwrapped, sender, recipient));
    }

    internal void OnGuardianTerminated(ActorCell guardian)
    {
        if (ReferenceEquals(guardian, _userGuardian))
        {
            _userGuardianStopped.TrySetResult();

            // The user guardian can stop on its own (an escalated failure): the system goes with it.
            Terminate();
        }
        else if (ReferenceEquals(guardian, _systemGuardian))
        {
            _systemGuardianStopped.TrySetResult();
        }
    }

    private async Task FinishTerminationAsync()
    {
        _userGuardian.Mailbox.PostSystem(TerminateActor.Instance);
        await WaitForGuardian(_userGuardianStopped.Task, "/user").ConfigureAwait(false);
        _systemGuardian.Mailbox.PostSystem(TerminateActor.Instance);
        await WaitForGuardian(_systemGuardianStopped.Task, "/system").ConfigureAwait(false);
        while (_onTermination.TryDequeue(out var callback))
        {
            try
            {
                callback();
            }
            catch (Exception e)
            {
                Log.LogError(e, "A termination callback of actor system {System} failed: {Reason}", Name, e.Message);
            }
        }

        (Scheduler as IDisposable)?.Dispose();
        Dispatchers.Shutdown();
        Metrics.Dispose();
        _whenTerminated.TrySetResult();
    }

    private async Task WaitForGuardian(Task stopped, string guardian)
    {
        if (await Task.WhenAny(stopped, Task.Delay(Settings.ShutdownTimeout)).ConfigureAwait(false) != stopped)
        {
            Log.LogWarning("Actors under {Guardian} did not stop within {Timeout}; terminating without them", guardian, Settings.ShutdownTimeout);
        }
    }

    private IEnumerable<(string, int)> LiveActors() => _live.Keys.Select(c => (c.ActorTypeName, c.Mailbox.UserMessageCount));

    private void WaitForQuiescence()
    {
        if (Flow is not null && !Flow.WaitUntilIdle(Settings.VirtualTimeSettleTimeout))
        {
            Log.LogWarning("Virtual time advanced while actors were still busy after {Timeout} (an actor blocking on real I/O?)", Settings.VirtualTimeSettleTimeout);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial Regex SystemNamePattern();
}
