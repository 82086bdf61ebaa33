using TimeActors.Timing.Time;

namespace TimeActors.Timing.Ports.Network;

/// <summary>
/// The sockets of one network interface (or of the whole host for the wildcard interface), as the
/// interface, source and server actors use them on Linux and in simulation alike.
/// </summary>
/// <remarks>
/// Threads: <see cref="Poll"/> runs on one thread (the interface actor's); the other members may be
/// called from any thread at the same time. Socket ids are chosen by the caller and must be unique
/// among the port's open sockets.
/// <para>
/// A port that can block (<see cref="CanBlock"/>, Linux epoll) is driven by calling
/// <see cref="Poll"/> in a loop and interrupted with <see cref="Wake"/>. One that cannot (a
/// simulated port in virtual time) calls the <see cref="EventsReady"/> callback when events are
/// queued; the owner then calls <see cref="Poll"/> with a zero timeout.
/// </para>
/// </remarks>
public interface INetworkPort : IDisposable
{
    /// <summary>A name for logs and reports (the interface name, or "*").</summary>
    string Name { get; }

    /// <summary>Whether <see cref="Poll"/> may block waiting for events.</summary>
    bool CanBlock { get; }

    /// <summary>Whether hardware timestamping is enabled on this interface.</summary>
    bool HardwareTimestamping { get; }

    /// <summary>Called (from any thread) when a non-blocking port has events for <see cref="Poll"/>.</summary>
    Action? EventsReady { get; set; }

    /// <summary>The clock daemon stamps are read from (system time; virtual time in simulation).</summary>
    SystemTime ReadClock();

    /// <summary>Opens a client socket connected to <paramref name="remote"/> from a random local port.</summary>
    void OpenClient(NetworkSocketId id, NetworkEndpoint remote);

    /// <summary>Opens a server socket bound to <paramref name="local"/> (SO_REUSEPORT when asked) and returns the bound endpoint.</summary>
    NetworkEndpoint OpenServer(NetworkSocketId id, NetworkEndpoint local, bool reusePort);

    /// <summary>
    /// Sends <paramref name="payload"/> on a connected socket (<paramref name="destination"/> null) or
    /// to <paramref name="destination"/>. <paramref name="requestTxStamp"/> asks for a kernel/hardware
    /// TX stamp of this datagram (a client socket stamps every send anyway).
    /// </summary>
    NetworkSendReceipt Send(NetworkSocketId id, ReadOnlySpan<byte> payload, bool requestTxStamp, NetworkEndpoint? destination = null);

    /// <summary>Closes the socket; its late TX stamps and queued datagrams are dropped. Unknown ids are ignored.</summary>
    void Close(NetworkSocketId id);

    /// <summary>
    /// Delivers pending events to <paramref name="sink"/>, waiting up to <paramref name="timeout"/>
    /// for the first one (only if <see cref="CanBlock"/>), and returns how many were delivered.
    /// </summary>
    int Poll(INetworkEventSink sink, TimeSpan timeout);

    /// <summary>Makes a current or the next blocking <see cref="Poll"/> return at once. Any thread.</summary>
    void Wake();
}
