namespace TimeActors.Timing.Ports.Network;

/// <summary>
/// A socket of an <see cref="INetworkPort"/>, chosen by the caller when it opens the socket so that
/// whoever routes the socket's events can register the owner before the first packet can arrive.
/// </summary>
public readonly record struct NetworkSocketId(long Value)
{
    public override string ToString() => $"socket#{Value}";
}
