namespace TimeActors.Service.Simulation;

/// <summary>The SVG plot of a run (filled in by M3).</summary>
public static class SimulationPlot
{
    public static string Render(SimulationResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
    }
}
