using TimeActors.Service.Status;

namespace TimeActors.Service.Control;

/// <summary>An <see cref="IStatusSource"/> from an async function.</summary>
public sealed class DelegateStatusSource(Func<CancellationToken, Task<ServiceStatus>> get) : IStatusSource
{
    public Task<ServiceStatus> GetStatusAsync(CancellationToken cancellationToken) => get(cancellationToken);
}
