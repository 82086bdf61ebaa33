using TimeActors.Service.Status;

namespace TimeActors.Service.Control;

/// <summary>Supplies the service's status to the control endpoint (the guardian in the service, a fake in tests).</summary>
public interface IStatusSource
{
    Task<ServiceStatus> GetStatusAsync(CancellationToken cancellationToken);
}
