namespace TimeActors.Simulation;

/// <summary>Draws one-way delays of one link (<see cref="LinkOptions"/>), each direction from its own stream.</summary>
public sealed class DelayModel
{
    private readonly LinkOptions _options;
    private readonly SimRandom _out;
    private readonly SimRandom _back;
    private readonly SimRandom _loss;

    public DelayModel(LinkOptions options, SimRandom random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        options.Validate();
        _options = options;
        _out = random.Fork("out");
        _back = random.Fork("back");
        _loss = random.Fork("loss");
    }

    public LinkOptions Options => _options;

    /// <summary>Client → server delay in seconds, or null when the packet is lost.</summary>
    public double? ClientToServer() => Draw(_out, 1 - (2 * _options.Asymmetry));

    /// <summary>Server → client delay in seconds, or null when the packet is lost.</summary>
    public double? ServerToClient() => Draw(_back, 1 + (2 * _options.Asymmetry));

    private double? Draw(SimRandom random, double factor)
    {
        // Drawn before the loss decision so the delays of a run do not depend on the loss setting.
        double delay = _options.BaseDelaySeconds + (factor * _options.JitterSeconds * random.Exponential());
        return _loss.Chance(_options.Loss) ? null : delay;
    }
}
