using Microsoft.Extensions.Hosting;

namespace TimeActors.Service.Hosting;

/// <summary>
/// The host's lifetime when <see cref="ServiceRunner"/> handles SIGTERM/SIGINT itself. The default
/// ConsoleLifetime also registers for those signals and, after the host is gone, held the process up
/// for the whole shutdown timeout (measured: 1.5 s after Main returned), which breaks the 2 s stop.
/// </summary>
internal sealed class SignalHandledLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
