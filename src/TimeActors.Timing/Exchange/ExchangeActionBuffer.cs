namespace TimeActors.Timing.Exchange;

/// <summary>
/// The reusable list of actions one input produces; the exchange returns a span over it, valid
/// until its next input, so steady-state packet processing allocates nothing.
/// </summary>
internal sealed class ExchangeActionBuffer
{
    // The longest sequence (release a saved response, close, open, send, three timers) is well below this.
    private readonly ExchangeAction[] _actions = new ExchangeAction[32];
    private int _count;

    public ReadOnlySpan<ExchangeAction> Actions => _actions.AsSpan(0, _count);

    public void Clear() => _count = 0;

    public void Add(in ExchangeAction action)
    {
        if (_count == _actions.Length)
        {
            throw new InvalidOperationException("Exchange produced more actions than one input can: a state machine bug.");
        }

        _actions[_count++] = action;
    }
}
