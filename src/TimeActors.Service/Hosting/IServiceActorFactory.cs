using TimeActors.Service.Settings;

namespace TimeActors.Service.Hosting;

/// <summary>
/// Turns the settings into the guardian's children. The actors themselves (interface, source, clock,
/// server) plug in here; the guardian only creates, supervises and asks them.
/// </summary>
public interface IServiceActorFactory
{
    IEnumerable<ServiceChildSpec> CreateChildren(TimeActorsSettings settings);
}
