using System.Diagnostics;

namespace TimeActors.Actors;

/// <summary>
/// Wall-clock scheduler with sub-millisecond precision. A dedicated thread sleeps until shortly before
/// the next entry is due (the BCL only sleeps in whole milliseconds), then spins the rest of the way,
/// yielding the core while more than <see cref="FineSpinThreshold"/> remains. Akka.NET's default
/// scheduler ticks every 10 ms instead; a time service arms 1 ms timers (the late-HW-TX timeout) and
/// needs them to fire within a couple hundred microseconds.
/// </summary>
/// <remarks>
/// Periodic entries keep a fixed rate (next due = previous due + interval). If the thread falls more
/// than a whole period behind, the missed occurrences are skipped rather than fired in a burst.
/// </remarks>
public sealed class RealScheduler : SchedulerBase, IDisposable
{
    private static readonly TimeSpan FineSpinThreshold = TimeSpan.FromMicroseconds(50);

    private readonly object _gate = new();
    private readonly PriorityQueue<ScheduledEntry, (TimeSpan Due, long Sequence)> _queue = new();
    private readonly TimeSpan _spinWindow;
    private readonly Action<Exception> _onActionFailed;
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private readonly DateTimeOffset _startTime = DateTimeOffset.UtcNow;
    private readonly Thread _thread;
    private readonly List<ScheduledEntry> _due = [];
    private long _sequence;
    private volatile bool _headChanged;
    private volatile bool _disposed;

    public RealScheduler(TimeSpan spinWindow, Action<Exception>? onActionFailed = null, string threadName = "timeactors-scheduler")
    {
        if (spinWindow < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(spinWindow), spinWindow, "The spin window cannot be negative");
        }

        _spinWindow = spinWindow;
        _onActionFailed = onActionFailed ?? (_ => { });
        _thread = new Thread(Run) { IsBackground = true, Name = threadName, Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    public override DateTimeOffset Now => _startTime + MonotonicClock;

    public override TimeSpan MonotonicClock => Stopwatch.GetElapsedTime(_startTimestamp);

    /// <summary>Number of entries waiting (cancelled ones included until their due time).</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    private protected override ICancelable Add(ScheduledEntry entry, TimeSpan delay)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        entry.Due = MonotonicClock + delay;
        lock (_gate)
        {
            var becomesHead = !_queue.TryPeek(out _, out var head) || entry.Due < head.Due;
            _queue.Enqueue(entry, (entry.Due, _sequence++));
            if (becomesHead)
            {
                _headChanged = true;
                Monitor.Pulse(_gate);
            }
        }

        return entry;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (_gate)
        {
            Monitor.Pulse(_gate);
        }

        if (Thread.CurrentThread != _thread)
        {
            _thread.Join(TimeSpan.FromSeconds(2));
        }
    }

    private void Run()
    {
        while (!_disposed)
        {
            TimeSpan spinUntil;
            lock (_gate)
            {
                if (!_queue.TryPeek(out _, out var head))
                {
                    Monitor.Wait(_gate);
                    continue;
                }

                var remaining = head.Due - MonotonicClock;
                if (remaining > _spinWindow)
                {
                    var sleep_ms = Math.Max(1, (int)(remaining - _spinWindow).TotalMilliseconds);
                    Monitor.Wait(_gate, sleep_ms);
                    continue;
                }

                if (remaining <= TimeSpan.Zero)
                {
                    TakeDue();
                    spinUntil = TimeSpan.Zero;
                }
                else
                {
                    _headChanged = false;
                    spinUntil = head.Due;
                }
            }

            if (spinUntil > TimeSpan.Zero)
            {
                SpinUntil(spinUntil);
                continue;
            }

            FireDue();
        }
    }

    /// <summary>Moves every entry that is due now out of the queue; re-arms periodic ones. Caller holds the lock.</summary>
    private void TakeDue()
    {
        var now = MonotonicClock;
        while (_queue.TryPeek(out var entry, out var key) && key.Due <= now)
        {
            _queue.Dequeue();
            if (entry.IsCancellationRequested)
            {
                continue;
            }

            _due.Add(entry);
            if (entry.Interval > TimeSpan.Zero)
            {
                var next = entry.Due + entry.Interval;
                if (next <= now)
                {
                    // Behind by more than one period: skip the missed ones instead of firing a burst.
                    var missed = (now - entry.Due).Ticks / entry.Interval.Ticks;
                    next = entry.Due + TimeSpan.FromTicks(entry.Interval.Ticks * (missed + 1));
                }

                entry.Due = next;
                _queue.Enqueue(entry, (next, _sequence++));
            }
        }
    }

    private void FireDue()
    {
        foreach (var entry in _due)
        {
            if (entry.IsCancellationRequested)
            {
                continue;
            }

            try
            {
                entry.Action();
            }
            catch (Exception e)
            {
                // A failing action must not kill the thread that serves every other timer.
                _onActionFailed(e);
            }
        }

        _due.Clear();
    }

    private void SpinUntil(TimeSpan due)
    {
        while (!_headChanged && !_disposed)
        {
            var remaining = due - MonotonicClock;
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            if (remaining > FineSpinThreshold)
            {
                Thread.Yield();
            }
            else
            {
                Thread.SpinWait(10);
            }
        }
    }
}
