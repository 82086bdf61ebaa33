using Microsoft.Extensions.Logging;

namespace TimeActors.Actors;

/// <summary>
/// Logs dead letters, rate-limited: the first <see cref="ActorSystemSettings.LogDeadLetters"/> are
/// logged, then logging pauses for <see cref="ActorSystemSettings.LogDeadLettersSuspendDuration"/>
/// (scheduler time) and starts counting again.
/// </summary>
internal sealed class DeadLetterListener : ActorBase

{
    private readonly int _limit;
    private readonly TimeSpan _suspendFor;
    private readonly ILogger _log;
    private int _logged;
    private TimeSpan? _suspendedUntil;

    public DeadLetterListener(int limit, TimeSpan suspendFor)
    {
        _limit = limit;
        _suspendFor = suspendFor;
        _log = Context.System.LoggerFactory.CreateLogger("TimeActors.Actors.DeadLetters");
    }

    protected internal override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    protected internal override bool Receive(object message)
    {
        if (message is not DeadLetter dead || _limit <= 0)
        {
            return message is DeadLetter;
        }

        var now = Context.System.Scheduler.MonotonicClock;
        if (_suspendedUntil is { } until)
        {
            if (now < until)
            {
                return true;
            }

            _suspendedUntil = null;
            _logged = 0;
        }

        _logged++;
        _log.LogInformation(
            "Message {MessageType} from {Sender} to {Recipient} was not delivered: dead letter {Count} of {Limit}",
            dead.Message.GetType().Name,
            dead.Sender?.Path.ToString() ?? "NoSender",
            dead.Recipient.Path,
            _logged,
            _limit);
        if (_logged >= _limit)
        {
            _suspendedUntil = now + _suspendFor;
            _log.LogInformation("Dead-letter logging suspended for {Duration} after {Limit} messages", _suspendFor, _limit);
        }

        return true;
    }
}
