using TimeActors.Simulation;

namespace TimeActors.Simulation.Tests;

/// <summary>A timeline whose "now" the test sets.</summary>
internal sealed class ManualTime
{
    public ManualTime(DateTimeOffset start)
    {
        Timeline = new SimulationTimeline(SimulationTimeline.ToUnixNs(start), () => Now);
    }

    public double Now { get; set; }

    public SimulationTimeline Timeline { get; }
}
