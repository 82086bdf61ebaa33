namespace TimeActors.Actors;

/// <summary>
/// An actor that declares its behaviour as typed handlers, tried in registration order; the first
/// that matches wins. Handlers are registered in the constructor or inside <see cref="Become(Action)"/>
/// / <see cref="BecomeStacked(Action)"/>; anywhere else registering throws.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private List<MessageHandler>? _registering = [];
    private MessageHandler[] _initial = [];

    protected internal sealed override bool Receive(object message) => Dispatch(_initial, message);

    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Register(new SyncHandler<T>(handler, shouldHandle));
    }

    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler) => Receive(handler, shouldHandle);

    /// <summary>The handler's result says whether it handled the message.</summary>
    protected void Receive<T>(Func<T, bool> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Register(new FuncHandler<T>(handler));
    }

    protected void ReceiveAny(Action<object> handler) => Receive(handler);

    /// <summary>No other user message is processed until the returned task completes.</summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Register(new SyncHandler<T>(message => RunTask(() => handler(message)), shouldHandle));
    }

    protected void ReceiveAnyAsync(Func<object, Task> handler) => ReceiveAsync(handler);

    /// <summary>Replaces the behaviour with the handlers that <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure)
    {
        var handlers = Build(configure);
        base.Become(message => Dispatch(handlers, message));
    }

    /// <summary>Pushes the handlers that <paramref name="configure"/> registers; <c>UnbecomeStacked</c> pops them.</summary>
    protected void BecomeStacked(Action configure)
    {
        var handlers = Build(configure);
        base.BecomeStacked(message => Dispatch(handlers, message));
    }

    private MessageHandler[] Build(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);

        // Become(configure) may be called from the constructor, between its own registrations.
        var outer = _registering;
        _registering = [];
        try
        {
            configure();
            return [.. _registering];
        }
        finally
        {
            _registering = outer;
        }
    }

    internal override void AfterConstruction() => CommitInitial();

    private void Register(MessageHandler handler)
    {
        if (_registering is null)
        {
            throw new InvalidOperationException(
                "Receive handlers can only be registered in the constructor or inside Become/BecomeStacked(configure)");
        }

        _registering.Add(handler);
    }

    /// <summary>The constructor's registrations become the initial behaviour once the constructor returns.</summary>
    private MessageHandler[] CommitInitial()
    {
        if (_registering is not null)
        {
            _initial = [.. _registering];
            _registering = null;
        }

        return _initial;
    }

    private static bool Dispatch(MessageHandler[] handlers, object message)
    {
        foreach (var handler in handlers)
        {
            if (handler.TryHandle(message))
            {
                return true;
            }
        }

        return false;
    }

    private abstract class MessageHandler
    {
        public abstract bool TryHandle(object message);
    }

    private sealed class SyncHandler<T>(Action<T> handler, Predicate<T>? shouldHandle) : MessageHandler
    {
        public override bool TryHandle(object message)
        {
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed)))
            {
                return false;
            }

            handler(typed);
            return true;
        }
    }

    private sealed class FuncHandler<T>(Func<T, bool> handler) : MessageHandler
    {
        public override bool TryHandle(object message) => message is T typed && handler(typed);
    }
}
