namespace TimeActors.Service.Simulation;

/// <summary>What the service showed during a run (thread-safe: written by the recorder actor, read by the runner).</summary>
public sealed class SimulationObservations
{
    private readonly object _gate = new();
    private readonly HashSet<string> _selected = new(StringComparer.Ordinal);
    private long _steps;

    /// <summary>Every source name the clock actor ever selected.</summary>
    public IReadOnlySet<string> EverSelected
    {
        get
        {
            lock (_gate)
            {
                return new HashSet<string>(_selected, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>ClockStepped events the clock actor published.</summary>
    public long ClockSteps => Interlocked.Read(ref _steps);

    public void Selected(string source)
    {
        lock (_gate)
        {
            _selected.Add(source);
        }
    }

    public void Stepped() => Interlocked.Increment(ref _steps);
}
