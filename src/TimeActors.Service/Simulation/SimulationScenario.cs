using TimeActors.Service.Settings;
using TimeActors.Simulation;

namespace TimeActors.Service.Simulation;

/// <summary>A loaded scenario: the simulated world and the service's own settings, as `timeactors run` would read them.</summary>
/// <param name="Name">The scenario's name (embedded) or file.</param>
public sealed record SimulationScenario(string Name, SimulationWorldOptions World, TimeActorsSettings Settings);
