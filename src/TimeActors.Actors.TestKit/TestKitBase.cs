using System.Diagnostics;

namespace TimeActors.Actors.TestKit;

/// <summary>
/// The expectations shared by <see cref="TestKit"/> and <see cref="TestProbe"/>, Akka.TestKit-shaped:
/// messages sent to <see cref="TestActor"/> are queued and asserted on in order.
/// </summary>
public abstract class TestKitBase
{
    /// <summary>How long an expectation waits when neither a duration nor an enclosing Within gives one.</summary>
    public static readonly TimeSpan DefaultSingleExpect = TimeSpan.FromSeconds(3);

    private readonly TestActorQueue _queue = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _withinEnd;
    private bool _lastWasNoMsg;

    protected TestKitBase()
    {
    }

    public ActorSystem Sys { get; private set; } = null!;

    /// <summary>The ref whose messages the expectations read; the implicit sender in test code.</summary>
    public IActorRef TestActor { get; private set; } = null!;

    public object? LastMessage { get; private set; }

    public IActorRef? LastSender { get; private set; }

    /// <summary>Multiplies every timeout (set TIMEACTORS_TEST_TIMEFACTOR on slow machines).</summary>
    public static double TimeFactor { get; } =
        double.TryParse(Environment.GetEnvironmentVariable("TIMEACTORS_TEST_TIMEFACTOR"), System.Globalization.CultureInfo.InvariantCulture, out var f) && f >= 1 ? f : 1.0;

    /// <summary>Time left in the enclosing Within block, or the default expectation time.</summary>
    public TimeSpan RemainingOrDefault => _withinEnd is { } end ? end - Now : Dilated(DefaultSingleExpect);

    /// <summary>Time left in the enclosing Within block.</summary>
    public TimeSpan Remaining => _withinEnd is { } end ? end - Now : throw new InvalidOperationException("Remaining is only defined inside Within");

    /// <summary>True when messages are waiting to be expected.</summary>
    public bool HasMessages => _queue.Count > 0;

    private TimeSpan Now => _clock.Elapsed;

    public static TimeSpan Dilated(TimeSpan duration) =>
        duration == Timeout.InfiniteTimeSpan ? duration : TimeSpan.FromTicks((long)(duration.Ticks * TimeFactor));

    public T ExpectMsg<T>(TimeSpan? duration = null, string? hint = null) =>
        ExpectMsgCore<T>(duration, hint, null);

    public T ExpectMsg<T>(T expected, TimeSpan? duration = null, string? hint = null) =>
        ExpectMsgCore<T>(duration, hint, m =>
        {
            if (!Equals(m, expected))
            {
                throw new TestKitAssertionException($"Expected message {expected} but got {m}{Hint(hint)}");
            }
        });

    public T ExpectMsg<T>(Predicate<T> isMessage, TimeSpan? duration = null, string? hint = null) =>
        ExpectMsgCore<T>(duration, hint, m =>
        {
            if (!isMessage(m))
            {
                throw new TestKitAssertionException($"Message {m} did not match the predicate{Hint(hint)}");
            }
        });

    /// <summary>Expects a message of type <typeparamref name="T"/> and runs the assertion on it.</summary>
    public T ExpectMsg<T>(Action<T> assertMessage, TimeSpan? duration = null, string? hint = null) =>
        ExpectMsgCore(duration, hint, assertMessage);

    public T ExpectMsgFrom<T>(IActorRef sender, TimeSpan? duration = null, string? hint = null)
    {
        var message = ExpectMsg<T>(duration, hint);
        if (!Equals(LastSender, sender))
        {
            throw new TestKitAssertionException($"Expected {message} from {sender} but it came from {LastSender?.ToString() ?? "no sender"}{Hint(hint)}");
        }

        return message;
    }

    /// <summary>Expects one message equal to any of <paramref name="candidates"/>.</summary>
    public T ExpectMsgAnyOf<T>(params T[] candidates) =>
        ExpectMsgCore<T>(null, null, m =>
        {
            if (!candidates.Contains(m))
            {
                throw new TestKitAssertionException($"Expected one of [{string.Join(", ", candidates)}] but got {m}");
            }
        });

    /// <summary>Expects exactly these messages, in any order.</summary>
    public IReadOnlyList<T> ExpectMsgAllOf<T>(params T[] expected)
    {
        var received = ReceiveN(expected.Length).Select(m => m is T t ? t : throw new TestKitAssertionException($"Expected a {typeof(T).Name} but got {m}")).ToList();
        var missing = expected.ToList();
        foreach (var message in received)
        {
            if (!missing.Remove(message))
            {
                throw new TestKitAssertionException($"Unexpected message {message}; still expecting [{string.Join(", ", missing)}]");
            }
        }

        return received;
    }

    public Terminated ExpectTerminated(IActorRef target, TimeSpan? duration = null, string? hint = null) =>
        ExpectMsg<Terminated>(t => t.ActorRef.Equals(target), duration, hint ?? $"Terminated of {target.Path}");

    /// <summary>
    /// Expects that no message arrives. Under virtual time it first waits until the actors are idle and
    /// then checks at once (no wall-clock wait); otherwise it waits the given or remaining time.
    /// </summary>
    public void ExpectNoMsg(TimeSpan? duration = null)
    {
        if (Sys.Flow is { } flow)
        {
            flow.WaitUntilIdle(Dilated(DefaultSingleExpect));
            if (duration is null || duration == TimeSpan.Zero)
            {
                FailIfMessage(TimeSpan.Zero);
                return;
            }
        }

        FailIfMessage(duration ?? RemainingOrDefault);
    }

    /// <summary>Discards messages until one of type <typeparamref name="T"/> matches; fails on timeout.</summary>
    public T FishForMessage<T>(Predicate<T> isMessage, TimeSpan? max = null, string hint = "")
    {
        var end = Now + Limit(max);
        while (true)
        {
            var left = end - Now;
            if (!_queue.TryTake(out var envelope, left > TimeSpan.Zero ? left : TimeSpan.Zero))
            {
                throw new TestKitAssertionException($"Timeout ({Limit(max)}) while fishing for a {typeof(T).Name}{Hint(hint)}");
            }

            Record(envelope);
            if (envelope.Message is T typed && isMessage(typed))
            {
                return typed;
            }
        }
    }

    public object ReceiveOne(TimeSpan? max = null)
    {
        var limit = Limit(max);
        if (!_queue.TryTake(out var envelope, limit))
        {
            throw new TestKitAssertionException($"Timeout ({limit}) while waiting for a message");
        }

        Record(envelope);
        return envelope.Message;
    }

    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? max = null)
    {
        var end = Now + Limit(max);
        var messages = new List<object>(count);
        while (messages.Count < count)
        {
            var left = end - Now;
            if (!_queue.TryTake(out var envelope, left > TimeSpan.Zero ? left : TimeSpan.Zero))
            {
                throw new TestKitAssertionException($"Timeout while waiting for {count} messages; got {messages.Count}: [{string.Join(", ", messages)}]");
            }

            Record(envelope);
            messages.Add(envelope.Message);
        }

        return messages;
    }

    /// <summary>Runs <paramref name="action"/> with expectation timeouts bounded by <paramref name="max"/>, and checks it took no longer.</summary>
    public void Within(TimeSpan max, Action action) => Within(TimeSpan.Zero, max, action);

    public void Within(TimeSpan min, TimeSpan max, Action action) => Within(min, max, () =>
    {
        action();
        return true;
    });

    public T Within<T>(TimeSpan max, Func<T> function) => Within(TimeSpan.Zero, max, function);

    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> function)
    {
        var start = Now;
        var dilatedMax = Dilated(max);
        var outer = _withinEnd;
        var end = start + dilatedMax;
        _withinEnd = outer is { } o && o < end ? o : end;
        _lastWasNoMsg = false;
        try
        {
            var result = function();
            var elapsed = Now - start;
            if (elapsed < min)
            {
                throw new TestKitAssertionException($"Block took {elapsed}, less than the minimum {min}");
            }

            if (!_lastWasNoMsg && elapsed > dilatedMax)
            {
                throw new TestKitAssertionException($"Block took {elapsed}, more than the maximum {dilatedMax}");
            }

            return result;
        }
        finally
        {
            _withinEnd = outer;
        }
    }

    /// <summary>Retries <paramref name="assertion"/> until it passes or time is up, then rethrows its last failure.</summary>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        var end = Now + Limit(duration);
        var pause = interval ?? TimeSpan.FromMilliseconds(10);
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (Now < end)
            {
                // Polling is the nature of AwaitAssert: the condition has no event to wait on.
                Thread.Sleep(pause);
            }
        }
    }

    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, string? message = null)
    {
        var limit = Limit(max);
        if (!SpinWait.SpinUntil(condition, limit))
        {
            throw new TestKitAssertionException($"Condition not met within {limit}{Hint(message)}");
        }
    }

    /// <summary>Makes <see cref="TestActor"/> watch <paramref name="actor"/>: its Terminated arrives in the queue.</summary>
    public IActorRef Watch(IActorRef actor)
    {
        TestActor.Ask<TestActor.WatchRequest>(new TestActor.WatchRequest(actor), Dilated(DefaultSingleExpect)).GetAwaiter().GetResult();
        return actor;
    }

    public IActorRef Unwatch(IActorRef actor)
    {
        TestActor.Ask<TestActor.UnwatchRequest>(new TestActor.UnwatchRequest(actor), Dilated(DefaultSingleExpect)).GetAwaiter().GetResult();
        return actor;
    }

    /// <summary>Replies to the sender of the last message received.</summary>
    public void Reply(object message) =>
        (LastSender ?? throw new InvalidOperationException("No message has been received to reply to")).Tell(message, TestActor);

    private protected void InitializeTest(ActorSystem system, string testActorName)
    {
        Sys = system;
        TestActor = system.ActorOf(Props.Create(() => new TestActor(_queue)), testActorName);
    }

    private T ExpectMsgCore<T>(TimeSpan? duration, string? hint, Action<T>? assert)
    {
        _lastWasNoMsg = false;
        var limit = Limit(duration);
        if (!_queue.TryTake(out var envelope, limit))
        {
            throw new TestKitAssertionException($"Timeout ({limit}) while waiting for a message of type {typeof(T).Name}{Hint(hint)}");
        }

        Record(envelope);
        if (envelope.Message is not T typed)
        {
            throw new TestKitAssertionException($"Expected a message of type {typeof(T).Name} but got {envelope.Message.GetType().Name}: {envelope.Message}{Hint(hint)}");
        }

        assert?.Invoke(typed);
        return typed;
    }

    private void FailIfMessage(TimeSpan wait)
    {
        _lastWasNoMsg = true;
        if (_queue.TryTake(out var envelope, wait))
        {
            Record(envelope);
            throw new TestKitAssertionException($"Expected no message but got {envelope.Message.GetType().Name}: {envelope.Message}");
        }
    }

    private TimeSpan Limit(TimeSpan? duration)
    {
        var limit = duration is { } d ? Dilated(d) : RemainingOrDefault;
        return limit < TimeSpan.Zero ? TimeSpan.Zero : limit;
    }

    private void Record(Envelope envelope)
    {
        LastMessage = envelope.Message;
        LastSender = envelope.Sender;
    }

    private static string Hint(string? hint) => string.IsNullOrEmpty(hint) ? string.Empty : $" ({hint})";
}
