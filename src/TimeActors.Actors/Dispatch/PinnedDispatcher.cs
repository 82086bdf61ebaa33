namespace TimeActors.Actors;

/// <summary>
/// Gives each actor its own thread, which the actor may block (an interface actor waits in epoll there).
/// The thread ends when the actor has stopped.
/// </summary>
public sealed class PinnedDispatcher(string id, int throughput) : MessageDispatcher(id, throughput)
{
    internal override void Attach(Mailbox mailbox)
    {
        var thread = new PinnedThread(mailbox);
        mailbox.DispatcherState = thread;
        thread.Start();
    }

    internal override void Execute(Mailbox mailbox) => ((PinnedThread)mailbox.DispatcherState!).Signal();

    internal override void Detach(Mailbox mailbox) => ((PinnedThread?)mailbox.DispatcherState)?.Finish();

    private sealed class PinnedThread(Mailbox mailbox)
    {
        private readonly SemaphoreSlim _signal = new(0, int.MaxValue);
        private volatile bool _finished;

        public void Start()
        {
            var thread = new Thread(Loop)
            {
                IsBackground = true,
                Name = $"pinned:{mailbox.Cell.Self.Path.ToStringWithoutAddress()}",
            };
            thread.Start();
        }

        public void Signal() => _signal.Release();

        public void Finish()
        {
            _finished = true;
            _signal.Release();
        }

        private void Loop()
        {
            while (true)
            {
                _signal.Wait();
                if (_finished && !mailbox.HasPendingWork)
                {
                    _signal.Dispose();
                    return;
                }

                mailbox.Run();
            }
        }
    }
}
