using Microsoft.Extensions.Logging;
using TimeActors.Actors;
using TimeActors.Linux;

namespace TimeActors.Service.Server;

/// <summary>
/// Owns one <see cref="ServerSocketLoop"/> on its own thread (pinned dispatcher), bound to one CPU
/// when asked. It serves by sending itself <see cref="Serve"/> after each bounded wait-and-serve
/// round, so stop and system messages are handled between rounds. When the loop reports that its
/// local end is gone (or fails), it tells its parent (<see cref="ServerSocketLost"/>) and stops
/// serving; the parent reopens the whole socket set. The socket is closed here, on the loop's own
/// thread, once the actor has stopped, so it is never closed under a running receive.
/// </summary>
public sealed class ServerSocketActor : ReceiveActor
{
    // Bounds how long a stop waits for this thread when nobody wakes the loop; one empty wake-up
    // per period when idle.
    private const int WaitTimeoutMs = 100;

    // Receive batches per round before the mailbox gets a turn: 16 x 32 requests keep the
    // per-round cost (one self message) far below the per-packet work.
    private const int BatchesPerRound = 16;

    private readonly ServerSocketLoop _loop;
    private readonly long _generation;
    private readonly int _cpu;
    private bool _started;
    private bool _lost;

    public ServerSocketActor(ServerSocketLoop loop, long generation, int cpu)
    {
        _loop = loop;
        _generation = generation;
        _cpu = cpu;
        Receive<Serve>(_ => ServeOnce());
    }

    /// <summary>Props on the pinned dispatcher; <paramref name="cpu"/> &lt; 0 leaves the thread unpinned.</summary>
    public static Props Props(ServerSocketLoop loop, long generation, int cpu) =>
        Actors.Props.Create(() => new ServerSocketActor(loop, generation, cpu)).WithDispatcher(Dispatchers.PinnedDispatcherId);

    protected override void PreStart() => Self.Tell(Serve.Instance, Self);

    protected override void PostStop() => _loop.Dispose();

    private void ServeOnce()
    {
        if (_lost)
        {
            return;
        }

        if (!_started)
        {
            _started = true;
            Pin();
        }

        try
        {
            _loop.RunOnce(WaitTimeoutMs, BatchesPerRound);
        }
        catch (KernelCallException e)
        {
            Context.System.Log.LogWarning("Server socket {Local}: {Error}", _loop.LocalEndPoint, e.Message);
            Lose(e.Errno == 0 ? Network.NetworkErrors.BadDescriptor : e.Errno);
            return;
        }

        if (_loop.LostErrno != 0)
        {
            Lose(_loop.LostErrno);
            return;
        }

        Self.Tell(Serve.Instance, Self);
    }

    private void Lose(int errno)
    {
        _lost = true;
        Context.Parent.Tell(new ServerSocketLost(_generation, errno), Self);
    }

    private void Pin()
    {
        if (_cpu < 0)
        {
            return;
        }

        try
        {
            LinuxThreads.PinCurrentThread(_cpu);
        }
        catch (KernelCallException e)
        {
            // A container may forbid the CPU; serving unpinned is slower, not wrong.
            Context.System.Log.LogWarning("Server socket {Local}: cannot pin to CPU {Cpu}: {Error}", _loop.LocalEndPoint, _cpu, e.Message);
        }
    }

    /// <summary>The actor's message to itself: wait for and serve one round.</summary>
    public sealed record Serve
    {
        public static readonly Serve Instance = new();
    }
}
